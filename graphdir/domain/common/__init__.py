"""What every domain shares: partial dates, keyset pages, time validity."""
