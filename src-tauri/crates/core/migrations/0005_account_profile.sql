-- Each account's own 填报人 and 联系电话, the progress form's defaults (they were one pair per PC,
-- in settings; every existing account starts with that pair so nothing typed is lost).
ALTER TABLE accounts ADD COLUMN reporter TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN phone TEXT NOT NULL DEFAULT '';
UPDATE accounts
   SET reporter = coalesce((SELECT value FROM settings WHERE key = 'reporter'), ''),
       phone = coalesce((SELECT value FROM settings WHERE key = 'phone'), '');
