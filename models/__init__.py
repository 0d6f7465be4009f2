"""councilwatch's data layer: documents, immutable versions, votes, and the text core."""
