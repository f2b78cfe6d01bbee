"""Links from our entities to other datasets: Wikidata reconciliation and the name matching the
/reconcile service shares with it."""
