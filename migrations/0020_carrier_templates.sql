-- SMS brandname templates are registered with each carrier (nhà mạng), which gives each its own template id:
-- kept with the template version they were registered for, and recorded on every SMS that used one.
ALTER TABLE notification_templates ADD COLUMN carrier_templates jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE notification_messages ADD COLUMN carrier_template_id text;
