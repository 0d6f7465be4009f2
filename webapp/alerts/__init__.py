"""Email alerts: signed links (tokens, links), matching, rendering, transport, relay.

`relay.deliver_due(app)` is the one entry point the scheduler and `councilwatch alerts
send` call; the subscribe blueprint (webapp.subscribe) queues confirmation mails.
"""
