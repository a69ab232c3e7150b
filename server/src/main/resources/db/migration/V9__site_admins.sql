-- Site admins (issue 13, self-service): they see /admin, change organisations' plans and promote
-- or demote other users. The first one is made with `spyglass admin user promote NAME`.
-- (V8 is left to the audit log being added in parallel.)
ALTER TABLE users ADD COLUMN site_admin BOOLEAN NOT NULL DEFAULT FALSE;
