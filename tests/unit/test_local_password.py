"""Passwords of local instances: never taken for an option by the admin tool."""

from graphdir.db.local import new_password


def test_no_password_starts_like_an_option() -> None:
    passwords = {new_password() for _ in range(2000)}  # a leading "-" came once in 64 plain tokens
    assert len(passwords) == 2000
    assert not any(password.startswith("-") for password in passwords)
    assert all(len(password) >= 20 for password in passwords)
