"""The researchers' pages of the live server (``/account/``): registering, confirming, signing in, a new password,
the profile."""
