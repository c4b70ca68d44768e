"""Restricted data for researchers: their accounts, and (to come) their requests, the approvers' decisions and the
deliveries of files."""
