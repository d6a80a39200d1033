PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
    "Timestamp" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
INSERT INTO __EFMigrationsHistory VALUES('20261122080000_Initial','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261122090000_IncidentDeliveries','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261203070000_RunbookRuns','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261203080000_EscalationsAndPostmortems','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261203090000_Pages','10.0.14');
CREATE TABLE IF NOT EXISTS "Incidents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Incidents" PRIMARY KEY AUTOINCREMENT,
    "Source" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Severity" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "Service" TEXT NULL,
    "Environment" TEXT NULL,
    "Namespace" TEXT NULL,
    "Commander" TEXT NULL,
    "Assignee" TEXT NULL,
    "GroupKey" TEXT NULL,
    "GroupKeyHash" TEXT NULL,
    "Receiver" TEXT NULL,
    "ExternalUrl" TEXT NULL,
    "CommonLabels" TEXT NOT NULL,
    "DetectedAt" INTEGER NOT NULL,
    "OpenedAt" INTEGER NOT NULL,
    "TriggeredAt" INTEGER NOT NULL,
    "AcknowledgedAt" INTEGER NULL,
    "ResolvedAt" INTEGER NULL,
    "ReopenCount" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);
INSERT INTO Incidents VALUES(1,'Alertmanager','Pod payments/checkout-api-7c9d8f6b5-x2kqz is crash looping',NULL,1,'Resolved','kube-state-metrics',NULL,'payments',NULL,NULL,'{}:{alertname="KubePodCrashLooping", namespace="payments"}','ff2d1f0fb666ced0537c70d15a8c39e62ea90f8a5a5e1ab974cb6763e83b7969','incident-bot','http://alertmanager.example:9093','{"alertname":"KubePodCrashLooping","container":"checkout-api","deployment":"checkout-api","job":"kube-state-metrics","namespace":"payments","severity":"critical"}',639080396475128390,639321895512763890,639321895512763890,639321895532384070,639321895542996760,0,7);
INSERT INTO Incidents VALUES(2,'Manual','Checkout returns 502s','Half of all checkout requests fail.',2,'Triggered','checkout',NULL,NULL,'UALICE',NULL,NULL,NULL,NULL,NULL,'{}',639321895521301830,639321895521301830,639321895521301830,NULL,NULL,0,2);
CREATE TABLE IF NOT EXISTS "Alerts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Alerts" PRIMARY KEY AUTOINCREMENT,
    "IncidentId" INTEGER NOT NULL,
    "Fingerprint" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Labels" TEXT NOT NULL,
    "Annotations" TEXT NOT NULL,
    "StartsAt" INTEGER NOT NULL,
    "EndsAt" INTEGER NULL,
    "GeneratorUrl" TEXT NULL,
    CONSTRAINT "FK_Alerts_Incidents_IncidentId" FOREIGN KEY ("IncidentId") REFERENCES "Incidents" ("Id") ON DELETE RESTRICT
);
INSERT INTO Alerts VALUES(1,1,'0bce0348e526ad89','Firing','{"alertname":"KubePodCrashLooping","container":"checkout-api","deployment":"checkout-api","job":"kube-state-metrics","namespace":"payments","pod":"checkout-api-7c9d8f6b5-x2kqz","severity":"critical"}','{"summary":"Pod payments/checkout-api-7c9d8f6b5-x2kqz is crash looping","description":"Container checkout-api restarted 6 times in the last 10 minutes.","runbook_url":"https://runbooks.example/k8s/crashloop"}',639080396475128390,NULL,'http://prometheus.example:9090/graph?g0.expr=increase%28kube_pod_container_status_restarts_total%5B10m%5D%29+%3E+3&g0.tab=1');
INSERT INTO Alerts VALUES(2,1,'0927f4d13f3acbff','Firing','{"alertname":"KubePodCrashLooping","container":"checkout-api","deployment":"checkout-api","job":"kube-state-metrics","namespace":"payments","pod":"checkout-api-7c9d8f6b5-m8w4t","severity":"critical"}','{"summary":"Pod payments/checkout-api-7c9d8f6b5-m8w4t is crash looping","description":"Container checkout-api restarted 5 times in the last 10 minutes.","runbook_url":"https://runbooks.example/k8s/crashloop"}',639080396771044170,NULL,'http://prometheus.example:9090/graph?g0.expr=increase%28kube_pod_container_status_restarts_total%5B10m%5D%29+%3E+3&g0.tab=1');
CREATE TABLE IF NOT EXISTS "TimelineEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TimelineEntries" PRIMARY KEY AUTOINCREMENT,
    "IncidentId" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "ActorKind" TEXT NOT NULL,
    "ActorId" TEXT NOT NULL,
    "ActorName" TEXT NULL,
    "Text" TEXT NOT NULL, "Recipients" TEXT NULL, "DueAt" INTEGER NULL,
    CONSTRAINT "FK_TimelineEntries_Incidents_IncidentId" FOREIGN KEY ("IncidentId") REFERENCES "Incidents" ("Id") ON DELETE RESTRICT
);
INSERT INTO TimelineEntries VALUES(1,1,639321895512763890,'Opened','Alertmanager','alertmanager',NULL,'Opened SEV1 from Alertmanager: Pod payments/checkout-api-7c9d8f6b5-x2kqz is crash looping',NULL,NULL);
INSERT INTO TimelineEntries VALUES(2,1,639321895512763890,'AlertFiring','Alertmanager','alertmanager',NULL,'Alert firing: Pod payments/checkout-api-7c9d8f6b5-x2kqz is crash looping',NULL,NULL);
INSERT INTO TimelineEntries VALUES(3,1,639321895512763890,'AlertFiring','Alertmanager','alertmanager',NULL,'Alert firing: Pod payments/checkout-api-7c9d8f6b5-m8w4t is crash looping',NULL,NULL);
INSERT INTO TimelineEntries VALUES(4,1,639321895519903480,'EscalationStep','System','system',NULL,'Escalation step 1 of 1 (sre): notifying U024BE7LH; that was the last step','U024BE7LH',639321895512763890);
INSERT INTO TimelineEntries VALUES(5,2,639321895521301830,'Opened','Api','alice',NULL,'Declared SEV2: Checkout returns 502s',NULL,NULL);
INSERT INTO TimelineEntries VALUES(6,2,639321895522102060,'EscalationStep','System','system',NULL,'Escalation step 1 of 1 (sre): notifying U024BE7LH; that was the last step','U024BE7LH',639321895521301830);
INSERT INTO TimelineEntries VALUES(7,1,639321895532384070,'Acknowledged','Api','alice',NULL,'Acknowledged',NULL,NULL);
INSERT INTO TimelineEntries VALUES(8,1,639321895542996760,'Resolved','Api','alice',NULL,'Resolved: rolled back',NULL,NULL);
INSERT INTO TimelineEntries VALUES(9,1,639321895542996760,'PostmortemDrafted','System','system',NULL,'Postmortem draft ready; reminders follow at 24 h and 48 h, and it is overdue at 72 h',NULL,NULL);
CREATE TABLE IF NOT EXISTS "IncidentDeliveries" (
    "IncidentId" INTEGER NOT NULL CONSTRAINT "PK_IncidentDeliveries" PRIMARY KEY,
    "DeliveredThroughEntryId" INTEGER NOT NULL,
    "ChannelId" TEXT NULL,
    "CardMessageId" TEXT NULL,
    "Announced" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "LastError" TEXT NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseUntil" INTEGER NULL,
    CONSTRAINT "FK_IncidentDeliveries_Incidents_IncidentId" FOREIGN KEY ("IncidentId") REFERENCES "Incidents" ("Id") ON DELETE RESTRICT
);
INSERT INTO IncidentDeliveries VALUES(1,0,NULL,NULL,0,0,639321895512763890,NULL,NULL,NULL);
INSERT INTO IncidentDeliveries VALUES(2,0,NULL,NULL,0,0,639321895521301830,NULL,NULL,NULL);
CREATE TABLE IF NOT EXISTS "RunbookRuns" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RunbookRuns" PRIMARY KEY AUTOINCREMENT,
    "RunbookId" TEXT NOT NULL,
    "IncidentId" INTEGER NULL,
    "Target" TEXT NOT NULL,
    "ActiveTarget" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Automatic" INTEGER NOT NULL,
    "StartedByKind" TEXT NOT NULL,
    "StartedById" TEXT NOT NULL,
    "StartedByName" TEXT NULL,
    "StartedAt" INTEGER NOT NULL,
    "FinishedAt" INTEGER NULL,
    "HeartbeatAt" INTEGER NOT NULL,
    "Owner" TEXT NOT NULL,
    "TriggerEntryId" INTEGER NULL,
    "Parameters" TEXT NOT NULL,
    "Steps" TEXT NOT NULL,
    "Outcome" TEXT NULL
);
CREATE TABLE IF NOT EXISTS "IncidentEscalations" (
    "IncidentId" INTEGER NOT NULL CONSTRAINT "PK_IncidentEscalations" PRIMARY KEY,
    "Policy" TEXT NOT NULL,
    "TriggeredAt" INTEGER NOT NULL,
    "StepsFired" INTEGER NOT NULL,
    "NextStepAt" INTEGER NULL,
    CONSTRAINT "FK_IncidentEscalations_Incidents_IncidentId" FOREIGN KEY ("IncidentId") REFERENCES "Incidents" ("Id") ON DELETE RESTRICT
);
INSERT INTO IncidentEscalations VALUES(1,'sre',639321895512763890,1,NULL);
INSERT INTO IncidentEscalations VALUES(2,'sre',639321895521301830,1,NULL);
CREATE TABLE IF NOT EXISTS "Postmortems" (
    "IncidentId" INTEGER NOT NULL CONSTRAINT "PK_Postmortems" PRIMARY KEY,
    "ResolvedAt" INTEGER NOT NULL,
    "Owner" TEXT NULL,
    "RemindersSent" INTEGER NOT NULL,
    "NextReminderAt" INTEGER NULL,
    "CompletedAt" INTEGER NULL,
    "Link" TEXT NULL,
    CONSTRAINT "FK_Postmortems_Incidents_IncidentId" FOREIGN KEY ("IncidentId") REFERENCES "Incidents" ("Id") ON DELETE RESTRICT
);
INSERT INTO Postmortems VALUES(1,639321895542996760,NULL,0,639322759542996760,NULL,NULL);
CREATE TABLE IF NOT EXISTS "Pages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Pages" PRIMARY KEY AUTOINCREMENT,
    "IncidentId" INTEGER NOT NULL,
    "Step" TEXT NOT NULL,
    "Recipient" TEXT NOT NULL,
    "DueAt" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseUntil" INTEGER NULL,
    "Outcome" TEXT NULL,
    "FinishedAt" INTEGER NULL,
    CONSTRAINT "FK_Pages_Incidents_IncidentId" FOREIGN KEY ("IncidentId") REFERENCES "Incidents" ("Id") ON DELETE RESTRICT
);
INSERT INTO Pages VALUES(1,1,'Escalation step 1 of 1 (sre): notifying U024BE7LH; that was the last step','U024BE7LH',639321895512763890,639321895519903480,0,NULL,NULL,NULL,NULL,NULL);
INSERT INTO Pages VALUES(2,2,'Escalation step 1 of 1 (sre): notifying U024BE7LH; that was the last step','U024BE7LH',639321895521301830,639321895522102060,0,NULL,NULL,NULL,NULL,NULL);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('Incidents',2);
INSERT INTO sqlite_sequence VALUES('Alerts',2);
INSERT INTO sqlite_sequence VALUES('TimelineEntries',9);
INSERT INTO sqlite_sequence VALUES('Pages',2);
CREATE UNIQUE INDEX "IX_Incidents_OpenGroupKeyHash" ON "Incidents" ("GroupKeyHash") WHERE "Status" <> 'Resolved';
CREATE INDEX "IX_Incidents_GroupKeyHash_Id" ON "Incidents" ("GroupKeyHash", "Id");
CREATE INDEX "IX_Incidents_Status_Severity" ON "Incidents" ("Status", "Severity");
CREATE INDEX "IX_Incidents_OpenedAt" ON "Incidents" ("OpenedAt");
CREATE UNIQUE INDEX "IX_Alerts_IncidentId_Fingerprint" ON "Alerts" ("IncidentId", "Fingerprint");
CREATE INDEX "IX_TimelineEntries_IncidentId_Id" ON "TimelineEntries" ("IncidentId", "Id");
CREATE TRIGGER "TimelineEntries_NoUpdate" BEFORE UPDATE ON "TimelineEntries" BEGIN SELECT RAISE(ABORT, 'the incident timeline is append-only'); END;
CREATE TRIGGER "TimelineEntries_NoDelete" BEFORE DELETE ON "TimelineEntries" BEGIN SELECT RAISE(ABORT, 'the incident timeline is append-only'); END;
CREATE INDEX "IX_IncidentDeliveries_NextAttemptAt" ON "IncidentDeliveries" ("NextAttemptAt");
CREATE INDEX "IX_IncidentDeliveries_ChannelId" ON "IncidentDeliveries" ("ChannelId");
CREATE UNIQUE INDEX "IX_RunbookRuns_ActiveTarget" ON "RunbookRuns" ("ActiveTarget");
CREATE UNIQUE INDEX "IX_RunbookRuns_RunbookId_TriggerEntryId" ON "RunbookRuns" ("RunbookId", "TriggerEntryId");
CREATE INDEX "IX_RunbookRuns_RunbookId_StartedAt" ON "RunbookRuns" ("RunbookId", "StartedAt");
CREATE INDEX "IX_RunbookRuns_Status" ON "RunbookRuns" ("Status");
CREATE INDEX "IX_IncidentEscalations_NextStepAt" ON "IncidentEscalations" ("NextStepAt");
CREATE INDEX "IX_Postmortems_NextReminderAt" ON "Postmortems" ("NextReminderAt");
CREATE INDEX "IX_Pages_NextAttemptAt" ON "Pages" ("NextAttemptAt") WHERE "FinishedAt" IS NULL;
CREATE INDEX "IX_Pages_Recipient_FinishedAt" ON "Pages" ("Recipient", "FinishedAt");
CREATE INDEX "IX_Pages_IncidentId" ON "Pages" ("IncidentId");
COMMIT;
