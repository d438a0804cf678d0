namespace UpgradeBot.Storage.Sqlite;

/// <summary>
/// The schema, oldest step first. Applied steps never change: add a new one instead. The SQL stays
/// close to PostgreSQL's dialect (BIGINT unix milliseconds, INTEGER 0/1 booleans, TEXT, no rowid
/// tricks) so the PostgreSQL store can follow the same shape.
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "subscriptions", """
            CREATE TABLE subscriptions (
                platform TEXT NOT NULL,
                tenant_id TEXT NOT NULL,
                channel_id TEXT NOT NULL,
                conversation_reference TEXT NOT NULL,
                name TEXT NULL,
                active INTEGER NOT NULL,
                subscribed_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (platform, tenant_id, channel_id)
            );
            CREATE INDEX ix_subscriptions_active ON subscriptions (active, subscribed_at);
            """),
        new(2, "inbound_events", """
            CREATE TABLE inbound_events (
                platform TEXT NOT NULL,
                event_id TEXT NOT NULL,
                payload TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                processed_at BIGINT NULL,
                PRIMARY KEY (platform, event_id)
            );
            CREATE INDEX ix_inbound_events_pending ON inbound_events (platform, received_at) WHERE processed_at IS NULL;
            """),
        new(3, "upgrade_windows", """
            CREATE TABLE upgrade_windows (
                id TEXT NOT NULL PRIMARY KEY,
                title TEXT NOT NULL,
                phases TEXT NOT NULL,
                status_url TEXT NULL,
                revision INTEGER NOT NULL,
                cancelled INTEGER NOT NULL,
                source TEXT NOT NULL,
                starts_at BIGINT NOT NULL,
                ends_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            """),
        new(4, "escalations", """
            CREATE TABLE escalation_counters (
                day TEXT NOT NULL PRIMARY KEY,
                last_number INTEGER NOT NULL
            );
            CREATE TABLE escalations (
                reference TEXT NOT NULL PRIMARY KEY,
                platform TEXT NOT NULL,
                tenant_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                user_name TEXT NOT NULL,
                conversation_id TEXT NOT NULL,
                topic TEXT NOT NULL,
                verdict TEXT NOT NULL,
                upgrade_id TEXT NULL,
                question TEXT NOT NULL,
                asked_at BIGINT NOT NULL,
                status TEXT NOT NULL,
                created_at BIGINT NOT NULL
            );
            -- The backstop for AdmitAsync: one open escalation per user and problem, whatever the callers do.
            CREATE UNIQUE INDEX ux_escalations_open
                ON escalations (platform, tenant_id, user_id, topic, COALESCE(upgrade_id, ''))
                WHERE status <> 'Failed';
            CREATE INDEX ix_escalations_user_created ON escalations (platform, tenant_id, user_id, created_at);
            CREATE INDEX ix_escalations_created ON escalations (created_at);
            CREATE INDEX ix_escalations_status_created ON escalations (status, created_at);
            CREATE TABLE escalation_deliveries (
                reference TEXT NOT NULL REFERENCES escalations (reference) ON DELETE CASCADE,
                destination TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at BIGINT NULL,
                PRIMARY KEY (reference, destination)
            );
            CREATE INDEX ix_escalation_deliveries_due ON escalation_deliveries (next_attempt_at) WHERE state = 'Pending';
            CREATE TABLE escalation_attempts (
                reference TEXT NOT NULL,
                destination TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                at BIGINT NOT NULL,
                succeeded INTEGER NOT NULL,
                error TEXT NULL,
                PRIMARY KEY (reference, destination, attempt),
                FOREIGN KEY (reference, destination) REFERENCES escalation_deliveries (reference, destination) ON DELETE CASCADE
            );
            """),
        new(5, "announcements", """
            CREATE TABLE announcements (
                window_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                phase INTEGER NOT NULL,
                revision INTEGER NOT NULL,
                platform TEXT NOT NULL,
                tenant_id TEXT NOT NULL,
                channel_id TEXT NOT NULL,
                due_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                late INTEGER NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at BIGINT NULL,
                message_id TEXT NULL,
                error TEXT NULL,
                finished_at BIGINT NULL,
                PRIMARY KEY (window_id, kind, phase, revision, platform, tenant_id, channel_id)
            );
            CREATE INDEX ix_announcements_due ON announcements (next_attempt_at) WHERE state = 'Pending';
            CREATE INDEX ix_announcements_conversation ON announcements (window_id, platform, tenant_id, channel_id);
            """),
        // Events are claimed per lane (conversation), oldest first, and hidden until next_attempt_at
        // while a worker holds them. Rows from before this step get a lane of their own, due at once;
        // the column defaults exist only for them, every insert sets both.
        new(6, "inbound_lanes", """
            ALTER TABLE inbound_events ADD COLUMN lane TEXT NOT NULL DEFAULT '';
            ALTER TABLE inbound_events ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
            UPDATE inbound_events SET lane = event_id;
            -- A lane's oldest unprocessed event is one seek here.
            CREATE INDEX ix_inbound_events_lane ON inbound_events (platform, lane, received_at, event_id) WHERE processed_at IS NULL;
            """),
        // Slack installations (one per workspace, or per organization for an org-wide install) with
        // their tokens encrypted by Data Protection, whose key ring is kept here too so every instance
        // can read them; and the OAuth states the install page hands out, by hash, until they expire.
        new(7, "slack_installations", """
            CREATE TABLE slack_installations (
                installation_id TEXT NOT NULL PRIMARY KEY,
                enterprise_id TEXT NULL,
                enterprise_name TEXT NULL,
                team_id TEXT NULL,
                team_name TEXT NULL,
                is_enterprise_install INTEGER NOT NULL,
                bot_token TEXT NOT NULL,
                bot_user_id TEXT NOT NULL,
                bot_id TEXT NOT NULL,
                scopes TEXT NOT NULL,
                installer_user_id TEXT NULL,
                installed_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                refresh_token TEXT NULL,
                token_expires_at BIGINT NULL,
                version BIGINT NOT NULL,
                refresh_lease_until BIGINT NULL
            );
            CREATE TABLE slack_oauth_states (
                state_hash TEXT NOT NULL PRIMARY KEY,
                expires_at BIGINT NOT NULL
            );
            CREATE INDEX ix_slack_oauth_states_expires ON slack_oauth_states (expires_at);
            CREATE TABLE data_protection_keys (
                name TEXT NOT NULL PRIMARY KEY,
                xml TEXT NOT NULL,
                created_at BIGINT NOT NULL
            );
            """),
        // Claims take what has waited least favourably first: new events (due at 0), then events put
        // back the longest ago. A conversation held back by its rate limit goes to the back of the
        // queue instead of standing in front of every newer conversation until its turn.
        new(8, "inbound_due_order", """
            DROP INDEX ix_inbound_events_pending;
            CREATE INDEX ix_inbound_events_pending ON inbound_events (platform, next_attempt_at, received_at, event_id) WHERE processed_at IS NULL;
            """),
        // A random number per row, the last key of the claim order: a fan-out planned all at once is
        // claimed interleaved across platforms, workspaces and tenants, so a big workspace's rate limit
        // runs from the start instead of after everyone else's posts.
        new(9, "announcement_spread", """
            ALTER TABLE announcements ADD COLUMN spread INTEGER NOT NULL DEFAULT 0;
            """),
        // Issue 15: each customer's settings (per Teams tenant, Slack workspace or Grid organization),
        // every change to them with who and when, who installed the bot there, and the customer's
        // account and support contact kept with each escalation as they stood when it was made.
        // Steps apply by number, each once: a step 9 from another branch can land after this one.
        new(10, "customers", """
            ALTER TABLE escalations ADD COLUMN customer_account TEXT NULL;
            ALTER TABLE escalations ADD COLUMN support_contact TEXT NULL;
            CREATE TABLE customers (
                platform TEXT NOT NULL,
                customer_id TEXT NOT NULL,
                deployment TEXT NOT NULL,
                account_id TEXT NULL,
                support_contact TEXT NULL,
                version BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                updated_by_user_id TEXT NOT NULL,
                updated_by_user_name TEXT NOT NULL,
                PRIMARY KEY (platform, customer_id)
            );
            CREATE TABLE customer_changes (
                platform TEXT NOT NULL,
                customer_id TEXT NOT NULL,
                version BIGINT NOT NULL,
                changed_at BIGINT NOT NULL,
                user_id TEXT NOT NULL,
                user_name TEXT NOT NULL,
                deployment TEXT NOT NULL,
                account_id TEXT NULL,
                support_contact TEXT NULL,
                PRIMARY KEY (platform, customer_id, version)
            );
            CREATE TABLE customer_installers (
                platform TEXT NOT NULL,
                customer_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                installed_at BIGINT NOT NULL,
                PRIMARY KEY (platform, customer_id, user_id)
            );
            """),
        // Customer Champions close the loop (step 11; steps 9 and 10 belong to other changes and may
        // come before or after it, none of them touches what this one does). An escalation moves from
        // open to acknowledged to resolved, each change kept once with who, when and the note; a
        // resolved escalation no longer counts as open, so the same problem asked again opens a new
        // one. Where the requester escalated from is kept to tell them. Each destination's post keeps
        // its message id (a Slack ts, a Teams activity id, the help desk's ticket) so it can be
        // updated in place; updates after a change are outbox rows of their own.
        new(11, "escalation_states", """
            ALTER TABLE escalations ADD COLUMN state TEXT NOT NULL DEFAULT 'Open';
            ALTER TABLE escalations ADD COLUMN ticket_id TEXT NULL;
            ALTER TABLE escalations ADD COLUMN origin_channel_id TEXT NULL;
            ALTER TABLE escalations ADD COLUMN origin_reference TEXT NULL;
            ALTER TABLE escalations ADD COLUMN origin_thread_id TEXT NULL;
            DROP INDEX ux_escalations_open;
            CREATE UNIQUE INDEX ux_escalations_open
                ON escalations (platform, tenant_id, user_id, topic, COALESCE(upgrade_id, ''))
                WHERE status <> 'Failed' AND state <> 'Resolved';
            CREATE INDEX ix_escalations_state_created ON escalations (state, created_at);
            ALTER TABLE escalation_deliveries ADD COLUMN message_id TEXT NULL;
            CREATE TABLE escalation_state_changes (
                reference TEXT NOT NULL REFERENCES escalations (reference) ON DELETE CASCADE,
                state TEXT NOT NULL,
                actor_platform TEXT NOT NULL,
                actor_id TEXT NOT NULL,
                actor_name TEXT NOT NULL,
                at BIGINT NOT NULL,
                note TEXT NULL,
                PRIMARY KEY (reference, state)
            );
            CREATE TABLE escalation_updates (
                reference TEXT NOT NULL REFERENCES escalations (reference) ON DELETE CASCADE,
                event TEXT NOT NULL,
                destination TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at BIGINT NULL,
                error TEXT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (reference, event, destination)
            );
            CREATE INDEX ix_escalation_updates_due ON escalation_updates (next_attempt_at) WHERE state = 'Pending';
            """),
        // Issue 19, retention (steps 9 to 11 belong to other changes and may land before or after
        // this one; none touches what it does). Each inbound event names the customer it came from,
        // so it can be shown and erased with the rest; events stored before this step take the
        // workspace at the head of their lane (none when the lane is the event's own id). The prune
        // finds handled events, finished announcements and a customer's rows by index; a customer
        // that removed the app is remembered with when, so its data goes once the period has passed.
        new(12, "retention", """
            ALTER TABLE inbound_events ADD COLUMN tenant_id TEXT NOT NULL DEFAULT '';
            UPDATE inbound_events SET tenant_id = CASE
                WHEN instr(lane, '/') > 0 THEN substr(lane, 1, instr(lane, '/') - 1)
                WHEN lane <> event_id THEN lane
                ELSE '' END;
            CREATE INDEX ix_inbound_events_tenant ON inbound_events (platform, tenant_id);
            -- Handled events whose payload is still there: a payload cleared leaves this index.
            CREATE INDEX ix_inbound_events_payload_handled ON inbound_events (processed_at) WHERE processed_at IS NOT NULL AND payload <> '';
            CREATE INDEX ix_inbound_events_handled ON inbound_events (processed_at) WHERE processed_at IS NOT NULL;
            CREATE INDEX ix_announcements_finished ON announcements (finished_at) WHERE state <> 'Pending';
            CREATE INDEX ix_announcements_tenant ON announcements (platform, tenant_id);
            CREATE TABLE customer_removals (
                platform TEXT NOT NULL,
                customer_id TEXT NOT NULL,
                organization_id TEXT NULL,
                removed_at BIGINT NOT NULL,
                PRIMARY KEY (platform, customer_id)
            );
            CREATE INDEX ix_customer_removals_removed ON customer_removals (removed_at);
            CREATE INDEX ix_customer_removals_organization ON customer_removals (platform, organization_id) WHERE organization_id IS NOT NULL;
            """),

        // The announcement claim takes due rows in (next_attempt_at, due_at, spread) order: an index
        // in that order lets it stop at its limit instead of sorting every due row of a fan-out
        // (about 7 ms a claim at 6,000 rows, each instance claiming as its places free).
        new(13, "announcement_claim_order", """
            DROP INDEX ix_announcements_due;
            CREATE INDEX ix_announcements_due ON announcements (next_attempt_at, due_at, spread) WHERE state = 'Pending';
            """),
    ];
}
