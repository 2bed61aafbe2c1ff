"""Planning a campaign: which requests to send, drawn from our schemas and the OpenAPI document."""
