-- Consecutive failed sign-ins per account and when the last one was: each failure makes the
-- next attempt wait longer, and ten lock the account for a while.
ALTER TABLE accounts ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN last_failed_sign_in TEXT;
