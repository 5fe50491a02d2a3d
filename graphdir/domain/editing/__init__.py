"""What every edit through the API shares: who makes it, the source it names, its validation by the loader's rules,
its one write transaction with its idempotency key, and the change it records (graphdir.domain.history).

An edit either writes everything it says, its source and its Change, in one transaction, or writes nothing and
reports UserErrors, each located on the input field at fault (`input.commune`) with the code of the rule it broke
(the loader's codes, graphdir.loader.errors.CODES, and those of graphdir.domain.editing.records). Who may edit
what is checked before (graphdir.api.permissions).
"""
