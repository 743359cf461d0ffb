"""Spreadsheet imports of the venues module: venues (registry) and demand points (coverage planning)."""
