"""Judging a campaign: what each answer breaks, what followed refusals, each check's verdict."""
