-- The admins' own e-form fields keep the order the admin gave them (issue 15): jsonb stores object keys
-- sorted (shorter keys first), so the e-form showed them in that order. `json` keeps the text as written,
-- nested objects included. Rows saved before this migration already lost their order (jsonb); the admin's
-- next save of the extension restores it.
ALTER TABLE procedure_form_extensions ALTER COLUMN properties TYPE json USING properties::json;
