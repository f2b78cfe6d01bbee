"""The legisgraph vocabulary (``lg:``) and the well-known namespaces the loaders write."""

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

LG_NAMESPACE = "https://w3id.org/legisgraph/ontology#"


class LG(DefinedNamespace):
    """Terms of ``ontology/legisgraph.ttl``; a misspelt term raises instead of minting an IRI."""

    _NS = Namespace(LG_NAMESPACE)
    _fail = True

    # Proceedings and the bodies that hold them
    Meeting: URIRef
    CouncilMeeting: URIRef
    Committee: URIRef
    Council: URIRef
    Panel: URIRef
    Subcommittee: URIRef
    HouseCommittee: URIRef
    FinanceCommittee: URIRef
    EstablishmentSubcommittee: URIRef
    PublicWorksSubcommittee: URIRef
    PublicAccountsCommittee: URIRef
    BillsCommittee: URIRef
    AgendaItem: URIRef
    Term: URIRef
    Session: URIRef

    # Documents and their citable parts
    Paper: URIRef
    BackgroundBrief: URIRef
    Agenda: URIRef
    Minutes: URIRef
    AdministrationPaper: URIRef
    FollowUpPaper: URIRef
    Submission: URIRef
    Paragraph: URIRef
    Section: URIRef

    # What was said, asked and promised
    CouncilQuestion: URIRef
    Contribution: URIRef
    Concern: URIRef
    GovernmentResponse: URIRef
    PolicyMeasure: URIRef
    Topic: URIRef

    # People, organisations and instruments
    Member: URIRef
    Membership: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    Ordinance: URIRef
    PolicyDocument: URIRef
    PublicOfficer: URIRef
    Attendance: URIRef
    ActionItem: URIRef
    PressRelease: URIRef
    Bill: URIRef
    Motion: URIRef
    SubsidiaryLegislation: URIRef

    # Votes
    VoteEvent: URIRef
    Vote: URIRef
    VoteCount: URIRef

    # Controlled values (SKOS concepts and their schemes)
    ConcernKindScheme: URIRef
    QuestionRaised: URIRef
    ViewExpressed: URIRef
    SuggestionMade: URIRef
    MeasureStatusScheme: URIRef
    StatusCompleted: URIRef
    StatusInProgress: URIRef
    StatusPlanned: URIRef
    QuestionTypeScheme: URIRef
    OralQuestion: URIRef
    WrittenQuestion: URIRef
    UrgentQuestion: URIRef
    RoleScheme: URIRef
    Chairman: URIRef
    DeputyChairman: URIRef
    OrdinaryMember: URIRef
    Clerk: URIRef
    SecretariatStaff: URIRef
    AttendanceStatusScheme: URIRef
    Present: URIRef
    Absent: URIRef
    InAttendance: URIRef
    VoteOptionScheme: URIRef
    VoteYes: URIRef
    VoteNo: URIRef
    VoteAbstain: URIRef
    VotePresent: URIRef
    VoteAbsent: URIRef
    VoteResultScheme: URIRef
    Passed: URIRef
    Negatived: URIRef
    ConstituencyGroupScheme: URIRef
    GeographicalConstituencies: URIRef
    FunctionalConstituencies: URIRef
    ElectionCommitteeConstituency: URIRef
    AllMembers: URIRef

    # Object properties
    committee: URIRef
    forMeeting: URIRef
    agendaOf: URIRef
    minutesOf: URIRef
    consideredUnder: URIRef
    issuedVia: URIRef
    itemOf: URIRef
    partOfDocument: URIRef
    inSection: URIRef
    parentSection: URIRef
    sourceParagraph: URIRef
    evidence: URIRef
    mentions: URIRef
    topic: URIRef
    concernKind: URIRef
    raisedBy: URIRef
    raisedAt: URIRef
    raisedAtOneOf: URIRef
    respondsTo: URIRef
    respondent: URIRef
    askedAt: URIRef
    askedBy: URIRef
    questionType: URIRef
    answeringBody: URIRef
    validFrom: URIRef
    validUntil: URIRef
    partOfPolicy: URIRef
    responsibleBody: URIRef
    measureStatus: URIRef
    inTerm: URIRef
    inSession: URIRef
    documentKind: URIRef
    attendee: URIRef
    atMeeting: URIRef
    attendanceStatus: URIRef
    role: URIRef
    forAgendaItem: URIRef
    actionBy: URIRef
    enduringCommittee: URIRef
    mover: URIRef
    tabledAt: URIRef
    voteEvent: URIRef
    voter: URIRef
    voteOption: URIRef
    voteResult: URIRef
    voteCount: URIRef
    constituencyGroup: URIRef

    # Datatype properties
    paperNumber: URIRef
    committeeCode: URIRef
    itemNumber: URIRef
    timeSlot: URIRef
    paragraphNumber: URIRef
    position: URIRef
    text: URIRef
    questionNumber: URIRef
    answeringPost: URIRef
    targetDate: URIRef
    targetDateText: URIRef
    statusText: URIRef
    measureLabel: URIRef
    abbreviation: URIRef
    capNumber: URIRef
    attribution: URIRef
    sourceName: URIRef
    sourceSha256: URIRef
    loaderVersion: URIRef
    post: URIRef
    fileReference: URIRef
    memberId: URIRef
    speakerId: URIRef
    committeeId: URIRef
    slotId: URIRef
    termNumber: URIRef
    legalNoticeNumber: URIRef
    yesCount: URIRef
    noCount: URIRef
    abstainCount: URIRef
    presentCount: URIRef
    absentCount: URIRef

    # The Council's verbatim record (Hansard)
    Hansard: URIRef
    Speech: URIRef
    recordedIn: URIRef
    spokenAt: URIRef
    speaker: URIRef
    speakerLabel: URIRef
    speakerRole: URIRef
    deliveredIn: URIRef
    speechSection: URIRef
    aboutQuestion: URIRef
    questionPart: URIRef
    page: URIRef
    bookmark: URIRef
    sittingStart: URIRef
    sittingEnd: URIRef
    sittingEndedBy: URIRef


OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")

#: Prefixes used in dumps, pages and the query editor, in the order they are shown.
PREFIXES: dict[str, str] = {
    "lg": LG_NAMESPACE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "oa": str(OA),
    "schema": str(SCHEMA),
    "org": str(ORG),
}
