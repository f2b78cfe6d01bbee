"""Harvest LegCo's OData APIs (schedule, attendance, Hansard, votes, bills) into named graphs."""
