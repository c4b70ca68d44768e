"""The editor below the HTTP layer: forms generated from the model, record checks, diffs and the workflow
(working copies, revisions, comments, publication) that the browser forms and the JSON API share."""
