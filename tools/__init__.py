"""Build-time tools (not shipped in the wheel)."""
