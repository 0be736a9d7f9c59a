"""The merge wizard (issue 14): a former unit's registry brought into this one."""
