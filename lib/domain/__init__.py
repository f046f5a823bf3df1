"""Domain facts: PAPI structure and eras, provinces, agencies, text, paths, the string catalogue.

Imports nothing of ours."""
