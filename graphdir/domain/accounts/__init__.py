"""API accounts: tokens with a role (reader, editor, admin), an editor maybe limited to territories."""
