-- Payment accounts per agency and gateway (issue 16): the merchant / partner code the agency collects under,
-- its beneficiary account, its receipt series and a REFERENCE to its secret. The secret itself is never in the
-- database: `secret_ref` names the setting MOTCUA_PAYMENT_SECRET_<secret_ref>; NULL = the deployment's
-- MOTCUA_PAYMENT_SECRET. Each payment is bound to the account it was created under (payments.account_id, NULL =
-- the deployment's single configuration), and its callbacks, returns and status queries are verified with that
-- account's secret. One active account per agency and gateway; disabled accounts stay for the payments bound to them.
ALTER TABLE payment_accounts DROP CONSTRAINT payment_accounts_pkey;
ALTER TABLE payment_accounts ADD COLUMN id uuid;
UPDATE payment_accounts SET id = gen_random_uuid();
ALTER TABLE payment_accounts ALTER COLUMN id SET NOT NULL;
ALTER TABLE payment_accounts ADD PRIMARY KEY (id);
-- the adapter name (vnpay, dvcqg, simulated, …); NULL only on rows from before 0033: the configured gateway
ALTER TABLE payment_accounts ADD COLUMN gateway text;
ALTER TABLE payment_accounts ADD COLUMN secret_ref text CHECK (secret_ref ~ '^[A-Z0-9_]{1,40}$');
ALTER TABLE payment_accounts ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE payment_accounts ADD COLUMN created_at timestamptz;
UPDATE payment_accounts SET created_at = updated_at;
ALTER TABLE payment_accounts ALTER COLUMN created_at SET NOT NULL;
CREATE UNIQUE INDEX payment_accounts_one_active ON payment_accounts (agency_id, COALESCE(gateway, '')) WHERE active;

ALTER TABLE payments ADD COLUMN account_id uuid REFERENCES payment_accounts (id);
