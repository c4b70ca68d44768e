"""Checks of a catalogue: the rules that span records, the office's data files."""
