"""Small tools every concern uses: files, hashing, worker processes, strict numbers."""
