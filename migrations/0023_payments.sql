-- Online payment of fees (src/modules/payments): one row per payment attempt, the audit of every message a
-- gateway sent us (callbacks, returns, query answers — accepted or refused), the agencies' receipt series and
-- beneficiary accounts.
-- Status: pending → paid | failed | expired; paid → refunded. Only paid and refunded are final: a failed or
-- expired attempt becomes paid when the gateway later says so (a late callback or the status query).
-- UNIQUE (gateway, order_ref) and UNIQUE (gateway, gateway_txn_id): a repeated callback finds the same row.
-- One open (pending) attempt per dossier: a second click reuses it.

CREATE TABLE payment_accounts (
  agency_id      uuid PRIMARY KEY REFERENCES agencies (id),
  -- the merchant / partner code at the gateway (vnp_TmnCode, MaDoiTac); its secret stays in the configuration
  merchant_code  text NOT NULL,
  account_no     text NOT NULL,              -- TKThuHuong
  bank_code      text NOT NULL,              -- MaNHThuHuong
  account_name   text NOT NULL,              -- TenTKThuHuong
  receipt_series text NOT NULL,              -- ký hiệu biên lai, e.g. "BL-STP/26E"
  updated_at     timestamptz NOT NULL
);

CREATE TABLE payments (
  id              uuid PRIMARY KEY,
  order_ref       text NOT NULL,            -- MaThamChieu / vnp_TxnRef / orderId: unique per attempt
  gateway         text NOT NULL,
  dossier_id      uuid NOT NULL REFERENCES dossiers (id),
  dossier_code    text NOT NULL,
  agency_id       uuid NOT NULL REFERENCES agencies (id),
  amount          bigint NOT NULL CHECK (amount > 0),
  currency        text NOT NULL DEFAULT 'VND',
  items           jsonb NOT NULL,            -- [{kind phi|le_phi, code, name, amount, exemptReason}]
  status          text NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'expired', 'refunded')),
  pay_url         text NOT NULL,
  gateway_txn_id  text,
  payer_name      text,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  settled_at      timestamptz,              -- when it became paid / failed / expired
  settled_by      text CHECK (settled_by IN ('callback', 'return', 'query')),
  paid_at         timestamptz,
  refunded_at     timestamptz,
  refund_reason   text,
  receipt_series  text,
  receipt_year    integer,
  receipt_no      integer,
  last_query_at   timestamptz,
  UNIQUE (gateway, order_ref),
  UNIQUE (gateway, gateway_txn_id),
  UNIQUE (receipt_series, receipt_year, receipt_no)
);
CREATE UNIQUE INDEX payments_one_pending_per_dossier ON payments (dossier_id) WHERE status = 'pending';
CREATE INDEX payments_by_dossier ON payments (dossier_id);
CREATE INDEX payments_pending ON payments (created_at) WHERE status = 'pending';
CREATE INDEX payments_by_day ON payments (agency_id, created_at);

-- Every message a gateway sent (or we asked for), with what we did: the audit trail of forged, replayed,
-- late, mismatched and accepted messages. Append-only.
CREATE TABLE payment_messages (
  id          uuid PRIMARY KEY,
  payment_id  uuid REFERENCES payments (id),
  gateway     text NOT NULL,
  channel     text NOT NULL CHECK (channel IN ('callback', 'return', 'query', 'refund')),
  order_ref   text,
  outcome     text NOT NULL,               -- accepted, duplicate, forged, unknown_order, amount_mismatch, ...
  detail      text,
  params      jsonb NOT NULL,              -- what arrived (the signature kept: it is not a secret)
  remote_ip   text,
  received_at timestamptz NOT NULL
);
CREATE INDEX payment_messages_by_payment ON payment_messages (payment_id);
CREATE INDEX payment_messages_by_time ON payment_messages (received_at);
CREATE TRIGGER payment_messages_append_only BEFORE UPDATE OR DELETE ON payment_messages
  FOR EACH ROW EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER payment_messages_no_truncate BEFORE TRUNCATE ON payment_messages
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();

-- The last number issued per receipt series and year (gapless, taken under the row lock).
CREATE TABLE payment_receipt_counters (
  series  text NOT NULL,
  year    integer NOT NULL,
  last_no integer NOT NULL,
  PRIMARY KEY (series, year)
);
