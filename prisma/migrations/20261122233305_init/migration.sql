-- CreateEnum
CREATE TYPE "organization_kind" AS ENUM ('UK', 'TSZH', 'TSN', 'ZHSK');

-- CreateEnum
CREATE TYPE "premises_kind" AS ENUM ('FLAT', 'NON_RESIDENTIAL');

-- CreateEnum
CREATE TYPE "owner_kind" AS ENUM ('PERSON', 'LEGAL_ENTITY', 'PUBLIC');

-- CreateEnum
CREATE TYPE "resident_role" AS ENUM ('OWNER', 'TENANT', 'FAMILY');

-- CreateEnum
CREATE TYPE "link_method" AS ENUM ('INVITE', 'PHONE', 'STAFF');

-- CreateEnum
CREATE TYPE "staff_role_kind" AS ENUM ('ADMIN', 'MANAGER', 'ACCOUNTANT', 'DISPATCHER', 'EXECUTOR', 'CHAIR', 'GUARD');

-- CreateEnum
CREATE TYPE "meter_type" AS ENUM ('COLD_WATER', 'HOT_WATER', 'ELECTRICITY', 'GAS', 'HEAT');

-- CreateEnum
CREATE TYPE "meter_status" AS ENUM ('ACTIVE', 'RETIRED');

-- CreateEnum
CREATE TYPE "reading_source" AS ENUM ('RESIDENT', 'STAFF', 'IMPORT', 'OCR');

-- CreateEnum
CREATE TYPE "service_kind" AS ENUM ('BY_METER', 'BY_AREA', 'PER_PERSON', 'FIXED');

-- CreateEnum
CREATE TYPE "billing_period_status" AS ENUM ('DRAFT', 'CLOSED');

-- CreateEnum
CREATE TYPE "charge_kind" AS ENUM ('REGULAR', 'AVERAGE', 'NORMATIVE', 'RECALCULATION', 'ADJUSTMENT');

-- CreateEnum
CREATE TYPE "payment_source" AS ENUM ('BANK_IMPORT', 'MANUAL', 'TELEGRAM', 'ACQUIRING');

-- CreateEnum
CREATE TYPE "payment_status" AS ENUM ('MATCHED', 'UNMATCHED', 'REVERSED');

-- CreateEnum
CREATE TYPE "penalty_rule_kind" AS ENUM ('DUE_DAY', 'MORATORIUM', 'RATE_CAP');

-- CreateEnum
CREATE TYPE "ticket_category" AS ENUM ('PLUMBING', 'ELECTRICITY', 'HEATING', 'LIFT', 'CLEANING', 'YARD', 'INTERCOM', 'ROOF_FACADE', 'NOISE', 'BILLING', 'OTHER');

-- CreateEnum
CREATE TYPE "ticket_urgency" AS ENUM ('EMERGENCY', 'URGENT', 'NORMAL', 'PLANNED');

-- CreateEnum
CREATE TYPE "ticket_status" AS ENUM ('NEW', 'ACCEPTED', 'IN_PROGRESS', 'ON_HOLD', 'DONE', 'CLOSED', 'CANCELLED', 'REOPENED');

-- CreateEnum
CREATE TYPE "ticket_location" AS ENUM ('FLAT', 'ENTRANCE', 'FLOOR', 'LIFT', 'YARD', 'ROOF', 'BASEMENT', 'OTHER');

-- CreateEnum
CREATE TYPE "actor_kind" AS ENUM ('RESIDENT', 'STAFF', 'SYSTEM');

-- CreateEnum
CREATE TYPE "attachment_kind" AS ENUM ('PHOTO', 'VIDEO', 'DOCUMENT', 'VOICE');

-- CreateEnum
CREATE TYPE "poll_kind" AS ENUM ('SIMPLE', 'OWNERS_MEETING');

-- CreateEnum
CREATE TYPE "vote_unit" AS ENUM ('PER_RESIDENT', 'PER_PREMISES', 'BY_OWNERSHIP');

-- CreateEnum
CREATE TYPE "poll_status" AS ENUM ('DRAFT', 'ACTIVE', 'FINISHED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "results_visibility" AS ENUM ('LIVE', 'AFTER_VOTE', 'AFTER_END', 'STAFF_ONLY');

-- CreateEnum
CREATE TYPE "meeting_form" AS ENUM ('IN_PERSON', 'ABSENTEE', 'MIXED');

-- CreateEnum
CREATE TYPE "decision_threshold" AS ENUM ('MAJORITY_OF_PARTICIPANTS', 'MORE_THAN_HALF_OF_ALL', 'TWO_THIRDS_OF_ALL', 'UNANIMOUS');

-- CreateEnum
CREATE TYPE "vote_decision" AS ENUM ('FOR', 'AGAINST', 'ABSTAIN');

-- CreateEnum
CREATE TYPE "pass_kind" AS ENUM ('GUEST', 'CAR');

-- CreateEnum
CREATE TYPE "pass_status" AS ENUM ('PENDING_APPROVAL', 'ACTIVE', 'USED', 'CANCELLED', 'REVOKED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "pass_check_result" AS ENUM ('VALID', 'NOT_YET_VALID', 'EXPIRED', 'USED', 'REVOKED', 'NOT_APPROVED', 'WRONG_HOUSE', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "announcement_status" AS ENUM ('DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED');

-- CreateEnum
CREATE TYPE "outbox_status" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED', 'BLOCKED');

-- CreateEnum
CREATE TYPE "import_kind" AS ENUM ('BANK_STATEMENT', 'ACCOUNTS_REGISTRY', 'METER_READINGS');

-- CreateTable
CREATE TABLE "organizations" (
    "id" TEXT NOT NULL,
    "kind" "organization_kind" NOT NULL,
    "name" TEXT NOT NULL,
    "short_name" TEXT,
    "inn" VARCHAR(12) NOT NULL,
    "kpp" VARCHAR(9),
    "ogrn" VARCHAR(15),
    "bank_account" VARCHAR(20) NOT NULL,
    "bank_name" TEXT NOT NULL,
    "bic" VARCHAR(9) NOT NULL,
    "corr_account" VARCHAR(20) NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "address" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Moscow',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "houses" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "fias_id" TEXT,
    "cadastral_number" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Moscow',
    "total_area" DECIMAL(12,2) NOT NULL,
    "readings_window_start_day" INTEGER NOT NULL DEFAULT 20,
    "readings_window_end_day" INTEGER NOT NULL DEFAULT 25,
    "readings_window_opened_early_until" TIMESTAMPTZ(3),
    "emergency_phone" TEXT,
    "require_pass_approval" BOOLEAN NOT NULL DEFAULT false,
    "working_hours" JSONB,
    "last_ticket_number" INTEGER NOT NULL DEFAULT 0,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "houses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entrances" (
    "id" TEXT NOT NULL,
    "house_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "floors" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "entrances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "premises" (
    "id" TEXT NOT NULL,
    "house_id" TEXT NOT NULL,
    "entrance_id" TEXT,
    "kind" "premises_kind" NOT NULL DEFAULT 'FLAT',
    "number" TEXT NOT NULL,
    "area" DECIMAL(10,2) NOT NULL,
    "floor" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "premises_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "personal_accounts" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "premises_id" TEXT NOT NULL,
    "number" VARCHAR(20) NOT NULL,
    "payer_name" TEXT,
    "registered_persons" INTEGER NOT NULL DEFAULT 0,
    "invite_code" TEXT NOT NULL,
    "invite_code_issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "personal_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "owners" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "kind" "owner_kind" NOT NULL DEFAULT 'PERSON',
    "full_name" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "inn" VARCHAR(12),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "owners_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ownerships" (
    "id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "premises_id" TEXT NOT NULL,
    "share_numerator" INTEGER NOT NULL DEFAULT 1,
    "share_denominator" INTEGER NOT NULL DEFAULT 1,
    "valid_from" DATE,
    "valid_to" DATE,
    "document" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ownerships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "residents" (
    "id" TEXT NOT NULL,
    "telegram_user_id" BIGINT NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT,
    "username" TEXT,
    "phone" TEXT,
    "language_code" TEXT NOT NULL DEFAULT 'ru',
    "reachable" BOOLEAN NOT NULL DEFAULT true,
    "unreachable_reason" TEXT,
    "blocked_at" TIMESTAMPTZ(3),
    "reminders_enabled" BOOLEAN NOT NULL DEFAULT true,
    "deleted_at" TIMESTAMPTZ(3),
    "last_seen_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "residents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resident_account_links" (
    "id" TEXT NOT NULL,
    "resident_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "role" "resident_role" NOT NULL,
    "owner_id" TEXT,
    "linked_via" "link_method" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resident_account_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_users" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "phone" TEXT,
    "password_hash" TEXT NOT NULL,
    "telegram_user_id" BIGINT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_roles" (
    "id" TEXT NOT NULL,
    "staff_user_id" TEXT NOT NULL,
    "role" "staff_role_kind" NOT NULL,
    "house_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_roles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_sessions" (
    "id" TEXT NOT NULL,
    "staff_user_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "csrf_token" TEXT NOT NULL,
    "ip" TEXT,
    "user_agent" TEXT,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meters" (
    "id" TEXT NOT NULL,
    "premises_id" TEXT NOT NULL,
    "account_id" TEXT,
    "type" "meter_type" NOT NULL,
    "serial" TEXT NOT NULL,
    "integer_digits" INTEGER NOT NULL DEFAULT 5,
    "fraction_digits" INTEGER NOT NULL DEFAULT 3,
    "zones" INTEGER NOT NULL DEFAULT 1,
    "installed_at" DATE NOT NULL,
    "initial_values" DECIMAL(14,3)[] DEFAULT ARRAY[]::DECIMAL(14,3)[],
    "verification_due_at" DATE NOT NULL,
    "status" "meter_status" NOT NULL DEFAULT 'ACTIVE',
    "retired_at" DATE,
    "replaced_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meter_readings" (
    "id" TEXT NOT NULL,
    "meter_id" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "zone" INTEGER NOT NULL DEFAULT 1,
    "value" DECIMAL(14,3) NOT NULL,
    "source" "reading_source" NOT NULL,
    "submitted_by_resident_id" TEXT,
    "submitted_by_staff_id" TEXT,
    "photo_file_id" TEXT,
    "is_rollover" BOOLEAN NOT NULL DEFAULT false,
    "anomaly_confirmed" BOOLEAN NOT NULL DEFAULT false,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meter_readings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "services" (
    "id" TEXT NOT NULL,
    "house_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "service_kind" NOT NULL,
    "meter_type" "meter_type",
    "unit" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tariffs" (
    "id" TEXT NOT NULL,
    "service_id" TEXT NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "zone" INTEGER,
    "price_kopecks" DECIMAL(14,4) NOT NULL,
    "source" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tariffs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "normatives" (
    "id" TEXT NOT NULL,
    "service_id" TEXT NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "value" DECIMAL(10,4) NOT NULL,
    "source" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "normatives_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_periods" (
    "id" TEXT NOT NULL,
    "house_id" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "status" "billing_period_status" NOT NULL DEFAULT 'DRAFT',
    "closed_at" TIMESTAMPTZ(3),
    "closed_by_staff_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "billing_periods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "charges" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "billing_period_id" TEXT NOT NULL,
    "period" DATE NOT NULL,
    "service_id" TEXT NOT NULL,
    "kind" "charge_kind" NOT NULL DEFAULT 'REGULAR',
    "corrects_period" DATE,
    "meter_id" TEXT,
    "volume" DECIMAL(14,4),
    "zone" INTEGER,
    "tariff_kopecks" DECIMAL(14,4),
    "amount_kopecks" BIGINT NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "charges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "account_id" TEXT,
    "amount_kopecks" BIGINT NOT NULL,
    "paid_at" DATE NOT NULL,
    "source" "payment_source" NOT NULL,
    "bank_doc_number" TEXT,
    "bank_doc_date" DATE,
    "payer_account" TEXT,
    "payer_name" TEXT,
    "payer_inn" TEXT,
    "purpose" TEXT,
    "period" DATE,
    "status" "payment_status" NOT NULL DEFAULT 'UNMATCHED',
    "matched_at" TIMESTAMPTZ(3),
    "matched_by_staff_id" TEXT,
    "reversed_at" TIMESTAMPTZ(3),
    "external_id" TEXT,
    "dedupe_key" TEXT NOT NULL,
    "import_batch_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "penalties" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "period" DATE,
    "billing_period_id" TEXT,
    "calculated_at" DATE NOT NULL,
    "amount_kopecks" BIGINT NOT NULL,
    "details" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "penalties_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "key_rates" (
    "id" TEXT NOT NULL,
    "valid_from" DATE NOT NULL,
    "rate_bp" INTEGER NOT NULL,
    "source" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "key_rates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "penalty_rules" (
    "id" TEXT NOT NULL,
    "kind" "penalty_rule_kind" NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "value" INTEGER,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "penalty_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sla_rules" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "house_id" TEXT,
    "category" "ticket_category",
    "urgency" "ticket_urgency" NOT NULL,
    "reaction_minutes" INTEGER NOT NULL,
    "resolution_minutes" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sla_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tickets" (
    "id" TEXT NOT NULL,
    "house_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "premises_id" TEXT,
    "account_id" TEXT,
    "resident_id" TEXT,
    "created_by_staff_id" TEXT,
    "category" "ticket_category" NOT NULL,
    "urgency" "ticket_urgency" NOT NULL DEFAULT 'NORMAL',
    "status" "ticket_status" NOT NULL DEFAULT 'NEW',
    "location_kind" "ticket_location" NOT NULL DEFAULT 'FLAT',
    "entrance_id" TEXT,
    "location_detail" TEXT,
    "description" TEXT NOT NULL,
    "assignee_id" TEXT,
    "reaction_due_at" TIMESTAMPTZ(3),
    "due_at" TIMESTAMPTZ(3),
    "reacted_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "rating" INTEGER,
    "rating_comment" TEXT,
    "reopen_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tickets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket_messages" (
    "id" TEXT NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "author_kind" "actor_kind" NOT NULL,
    "resident_id" TEXT,
    "staff_user_id" TEXT,
    "text" TEXT NOT NULL,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "telegram_message_id" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket_attachments" (
    "id" TEXT NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "message_id" TEXT,
    "kind" "attachment_kind" NOT NULL,
    "storage_key" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "file_name" TEXT,
    "telegram_file_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket_history" (
    "id" BIGSERIAL NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "actor_kind" "actor_kind" NOT NULL,
    "actor_staff_id" TEXT,
    "actor_resident_id" TEXT,
    "field" TEXT NOT NULL,
    "from_value" TEXT,
    "to_value" TEXT,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "polls" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "house_id" TEXT,
    "entrances" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "kind" "poll_kind" NOT NULL DEFAULT 'SIMPLE',
    "title" TEXT NOT NULL,
    "description" TEXT,
    "vote_unit" "vote_unit" NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "poll_status" NOT NULL DEFAULT 'DRAFT',
    "results_visibility" "results_visibility" NOT NULL DEFAULT 'AFTER_END',
    "meeting_form" "meeting_form",
    "initiator" TEXT,
    "total_votes" DECIMAL(14,4),
    "created_by_staff_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "polls_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "poll_questions" (
    "id" TEXT NOT NULL,
    "poll_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "threshold" "decision_threshold" NOT NULL DEFAULT 'MAJORITY_OF_PARTICIPANTS',

    CONSTRAINT "poll_questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "poll_options" (
    "id" TEXT NOT NULL,
    "question_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "decision" "vote_decision",

    CONSTRAINT "poll_options_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "votes" (
    "id" TEXT NOT NULL,
    "question_id" TEXT NOT NULL,
    "option_id" TEXT NOT NULL,
    "voter_key" TEXT NOT NULL,
    "resident_id" TEXT,
    "owner_id" TEXT,
    "premises_id" TEXT,
    "area" DECIMAL(10,2),
    "share_numerator" INTEGER,
    "share_denominator" INTEGER,
    "weight" DECIMAL(14,4),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "votes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "passes" (
    "id" TEXT NOT NULL,
    "house_id" TEXT NOT NULL,
    "premises_id" TEXT NOT NULL,
    "account_id" TEXT,
    "resident_id" TEXT,
    "created_by_staff_id" TEXT,
    "kind" "pass_kind" NOT NULL,
    "guest_name" TEXT,
    "plate" TEXT,
    "plate_normalized" TEXT,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_to" TIMESTAMPTZ(3) NOT NULL,
    "one_time" BOOLEAN NOT NULL DEFAULT true,
    "token" TEXT NOT NULL,
    "status" "pass_status" NOT NULL DEFAULT 'ACTIVE',
    "approved_by_staff_id" TEXT,
    "approved_at" TIMESTAMPTZ(3),
    "used_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "passes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pass_checks" (
    "id" BIGSERIAL NOT NULL,
    "pass_id" TEXT,
    "house_id" TEXT,
    "guard_id" TEXT NOT NULL,
    "result" "pass_check_result" NOT NULL,
    "input" TEXT NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pass_checks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "announcements" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "house_id" TEXT,
    "audience" JSONB NOT NULL DEFAULT '{}',
    "title" TEXT,
    "text" TEXT NOT NULL,
    "photo_storage_key" TEXT,
    "document_storage_key" TEXT,
    "emergency" BOOLEAN NOT NULL DEFAULT false,
    "status" "announcement_status" NOT NULL DEFAULT 'DRAFT',
    "scheduled_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "recipient_count" INTEGER,
    "created_by_staff_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "announcements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "faq_entries" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "house_id" TEXT,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'ru',
    "position" INTEGER NOT NULL DEFAULT 0,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "faq_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" BIGSERIAL NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "resident_id" TEXT,
    "staff_user_id" TEXT,
    "kind" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 50,
    "payload" JSONB NOT NULL,
    "status" "outbox_status" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "locked_by" TEXT,
    "telegram_message_id" BIGINT,
    "last_error" TEXT,
    "announcement_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" BIGSERIAL NOT NULL,
    "organization_id" TEXT,
    "staff_user_id" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "file_objects" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT,
    "storage_key" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "file_objects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_batches" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "kind" "import_kind" NOT NULL,
    "file_name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT,
    "stats" JSONB,
    "created_by_staff_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_updates" (
    "update_id" BIGINT NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_updates_pkey" PRIMARY KEY ("update_id")
);

-- CreateTable
CREATE TABLE "cron_runs" (
    "id" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "run_key" TEXT NOT NULL,
    "instance" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "cron_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "houses_organization_id_idx" ON "houses"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "entrances_house_id_number_key" ON "entrances"("house_id", "number");

-- CreateIndex
CREATE INDEX "premises_entrance_id_idx" ON "premises"("entrance_id");

-- CreateIndex
CREATE UNIQUE INDEX "premises_house_id_number_key" ON "premises"("house_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "personal_accounts_invite_code_key" ON "personal_accounts"("invite_code");

-- CreateIndex
CREATE INDEX "personal_accounts_premises_id_idx" ON "personal_accounts"("premises_id");

-- CreateIndex
CREATE UNIQUE INDEX "personal_accounts_organization_id_number_key" ON "personal_accounts"("organization_id", "number");

-- CreateIndex
CREATE INDEX "owners_organization_id_full_name_idx" ON "owners"("organization_id", "full_name");

-- CreateIndex
CREATE INDEX "owners_phone_idx" ON "owners"("phone");

-- CreateIndex
CREATE INDEX "ownerships_premises_id_idx" ON "ownerships"("premises_id");

-- CreateIndex
CREATE UNIQUE INDEX "ownerships_owner_id_premises_id_key" ON "ownerships"("owner_id", "premises_id");

-- CreateIndex
CREATE UNIQUE INDEX "residents_telegram_user_id_key" ON "residents"("telegram_user_id");

-- CreateIndex
CREATE INDEX "residents_chat_id_idx" ON "residents"("chat_id");

-- CreateIndex
CREATE INDEX "residents_phone_idx" ON "residents"("phone");

-- CreateIndex
CREATE INDEX "resident_account_links_account_id_idx" ON "resident_account_links"("account_id");

-- CreateIndex
CREATE INDEX "resident_account_links_owner_id_idx" ON "resident_account_links"("owner_id");

-- CreateIndex
CREATE UNIQUE INDEX "resident_account_links_resident_id_account_id_key" ON "resident_account_links"("resident_id", "account_id");

-- CreateIndex
CREATE UNIQUE INDEX "staff_users_email_key" ON "staff_users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "staff_users_telegram_user_id_key" ON "staff_users"("telegram_user_id");

-- CreateIndex
CREATE INDEX "staff_users_organization_id_idx" ON "staff_users"("organization_id");

-- CreateIndex
CREATE INDEX "staff_roles_house_id_role_idx" ON "staff_roles"("house_id", "role");

-- CreateIndex
CREATE UNIQUE INDEX "staff_roles_staff_user_id_role_house_id_key" ON "staff_roles"("staff_user_id", "role", "house_id");

-- CreateIndex
CREATE INDEX "staff_sessions_staff_user_id_idx" ON "staff_sessions"("staff_user_id");

-- CreateIndex
CREATE INDEX "staff_sessions_expires_at_idx" ON "staff_sessions"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "meters_replaced_by_id_key" ON "meters"("replaced_by_id");

-- CreateIndex
CREATE INDEX "meters_account_id_idx" ON "meters"("account_id");

-- CreateIndex
CREATE INDEX "meters_status_verification_due_at_idx" ON "meters"("status", "verification_due_at");

-- CreateIndex
CREATE UNIQUE INDEX "meters_premises_id_type_serial_key" ON "meters"("premises_id", "type", "serial");

-- CreateIndex
CREATE INDEX "meter_readings_period_idx" ON "meter_readings"("period");

-- CreateIndex
CREATE UNIQUE INDEX "meter_readings_meter_id_period_zone_key" ON "meter_readings"("meter_id", "period", "zone");

-- CreateIndex
CREATE UNIQUE INDEX "services_house_id_code_key" ON "services"("house_id", "code");

-- CreateIndex
CREATE INDEX "tariffs_service_id_valid_from_idx" ON "tariffs"("service_id", "valid_from");

-- CreateIndex
CREATE INDEX "normatives_service_id_valid_from_idx" ON "normatives"("service_id", "valid_from");

-- CreateIndex
CREATE UNIQUE INDEX "billing_periods_house_id_period_key" ON "billing_periods"("house_id", "period");

-- CreateIndex
CREATE INDEX "charges_account_id_period_idx" ON "charges"("account_id", "period");

-- CreateIndex
CREATE INDEX "charges_billing_period_id_idx" ON "charges"("billing_period_id");

-- CreateIndex
CREATE INDEX "charges_service_id_idx" ON "charges"("service_id");

-- CreateIndex
CREATE INDEX "charges_meter_id_idx" ON "charges"("meter_id");

-- CreateIndex
CREATE UNIQUE INDEX "payments_dedupe_key_key" ON "payments"("dedupe_key");

-- CreateIndex
CREATE INDEX "payments_organization_id_status_paid_at_idx" ON "payments"("organization_id", "status", "paid_at");

-- CreateIndex
CREATE INDEX "payments_account_id_paid_at_idx" ON "payments"("account_id", "paid_at");

-- CreateIndex
CREATE INDEX "payments_import_batch_id_idx" ON "payments"("import_batch_id");

-- CreateIndex
CREATE INDEX "penalties_account_id_calculated_at_idx" ON "penalties"("account_id", "calculated_at");

-- CreateIndex
CREATE INDEX "penalties_billing_period_id_idx" ON "penalties"("billing_period_id");

-- CreateIndex
CREATE UNIQUE INDEX "key_rates_valid_from_key" ON "key_rates"("valid_from");

-- CreateIndex
CREATE UNIQUE INDEX "penalty_rules_kind_valid_from_key" ON "penalty_rules"("kind", "valid_from");

-- CreateIndex
CREATE INDEX "sla_rules_organization_id_urgency_idx" ON "sla_rules"("organization_id", "urgency");

-- CreateIndex
CREATE INDEX "sla_rules_house_id_idx" ON "sla_rules"("house_id");

-- CreateIndex
CREATE INDEX "tickets_house_id_status_created_at_idx" ON "tickets"("house_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "tickets_assignee_id_status_idx" ON "tickets"("assignee_id", "status");

-- CreateIndex
CREATE INDEX "tickets_resident_id_created_at_idx" ON "tickets"("resident_id", "created_at");

-- CreateIndex
CREATE INDEX "tickets_status_reaction_due_at_idx" ON "tickets"("status", "reaction_due_at");

-- CreateIndex
CREATE INDEX "tickets_status_due_at_idx" ON "tickets"("status", "due_at");

-- CreateIndex
CREATE INDEX "tickets_status_resolved_at_idx" ON "tickets"("status", "resolved_at");

-- CreateIndex
CREATE UNIQUE INDEX "tickets_house_id_number_key" ON "tickets"("house_id", "number");

-- CreateIndex
CREATE INDEX "ticket_messages_ticket_id_created_at_idx" ON "ticket_messages"("ticket_id", "created_at");

-- CreateIndex
CREATE INDEX "ticket_attachments_ticket_id_idx" ON "ticket_attachments"("ticket_id");

-- CreateIndex
CREATE INDEX "ticket_attachments_message_id_idx" ON "ticket_attachments"("message_id");

-- CreateIndex
CREATE INDEX "ticket_history_ticket_id_created_at_idx" ON "ticket_history"("ticket_id", "created_at");

-- CreateIndex
CREATE INDEX "polls_organization_id_status_idx" ON "polls"("organization_id", "status");

-- CreateIndex
CREATE INDEX "polls_house_id_status_idx" ON "polls"("house_id", "status");

-- CreateIndex
CREATE INDEX "polls_status_ends_at_idx" ON "polls"("status", "ends_at");

-- CreateIndex
CREATE UNIQUE INDEX "poll_questions_poll_id_position_key" ON "poll_questions"("poll_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "poll_options_question_id_position_key" ON "poll_options"("question_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "poll_options_id_question_id_key" ON "poll_options"("id", "question_id");

-- CreateIndex
CREATE INDEX "votes_option_id_idx" ON "votes"("option_id");

-- CreateIndex
CREATE INDEX "votes_resident_id_idx" ON "votes"("resident_id");

-- CreateIndex
CREATE UNIQUE INDEX "votes_question_id_voter_key_key" ON "votes"("question_id", "voter_key");

-- CreateIndex
CREATE UNIQUE INDEX "passes_token_key" ON "passes"("token");

-- CreateIndex
CREATE INDEX "passes_plate_normalized_idx" ON "passes"("plate_normalized");

-- CreateIndex
CREATE INDEX "passes_house_id_status_valid_to_idx" ON "passes"("house_id", "status", "valid_to");

-- CreateIndex
CREATE INDEX "passes_resident_id_created_at_idx" ON "passes"("resident_id", "created_at");

-- CreateIndex
CREATE INDEX "pass_checks_pass_id_idx" ON "pass_checks"("pass_id");

-- CreateIndex
CREATE INDEX "pass_checks_house_id_checked_at_idx" ON "pass_checks"("house_id", "checked_at");

-- CreateIndex
CREATE INDEX "pass_checks_guard_id_checked_at_idx" ON "pass_checks"("guard_id", "checked_at");

-- CreateIndex
CREATE INDEX "announcements_organization_id_created_at_idx" ON "announcements"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "announcements_status_scheduled_at_idx" ON "announcements"("status", "scheduled_at");

-- CreateIndex
CREATE INDEX "faq_entries_organization_id_house_id_published_position_idx" ON "faq_entries"("organization_id", "house_id", "published", "position");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_dedupe_key_key" ON "outbox_messages"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_messages_status_priority_next_attempt_at_id_idx" ON "outbox_messages"("status", "priority", "next_attempt_at", "id");

-- CreateIndex
CREATE INDEX "outbox_messages_status_lease_until_idx" ON "outbox_messages"("status", "lease_until");

-- CreateIndex
CREATE INDEX "outbox_messages_announcement_id_status_idx" ON "outbox_messages"("announcement_id", "status");

-- CreateIndex
CREATE INDEX "outbox_messages_chat_id_created_at_idx" ON "outbox_messages"("chat_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_logs_entity_type_entity_id_idx" ON "audit_logs"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_logs_staff_user_id_created_at_idx" ON "audit_logs"("staff_user_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_logs_organization_id_created_at_idx" ON "audit_logs"("organization_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "file_objects_storage_key_key" ON "file_objects"("storage_key");

-- CreateIndex
CREATE INDEX "file_objects_sha256_idx" ON "file_objects"("sha256");

-- CreateIndex
CREATE INDEX "import_batches_organization_id_kind_created_at_idx" ON "import_batches"("organization_id", "kind", "created_at");

-- CreateIndex
CREATE INDEX "import_batches_sha256_idx" ON "import_batches"("sha256");

-- CreateIndex
CREATE INDEX "processed_updates_processed_at_idx" ON "processed_updates"("processed_at");

-- CreateIndex
CREATE UNIQUE INDEX "cron_runs_job_run_key_key" ON "cron_runs"("job", "run_key");

-- AddForeignKey
ALTER TABLE "houses" ADD CONSTRAINT "houses_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entrances" ADD CONSTRAINT "entrances_house_id_fkey" FOREIGN KEY ("house_id") REFERENCES "houses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "premises" ADD CONSTRAINT "premises_house_id_fkey" FOREIGN KEY ("house_id") REFERENCES "houses"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "premises" ADD CONSTRAINT "premises_entrance_id_fkey" FOREIGN KEY ("entrance_id") REFERENCES "entrances"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "personal_accounts" ADD CONSTRAINT "personal_accounts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "personal_accounts" ADD CONSTRAINT "personal_accounts_premises_id_fkey" FOREIGN KEY ("premises_id") REFERENCES "premises"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "owners" ADD CONSTRAINT "owners_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ownerships" ADD CONSTRAINT "ownerships_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "owners"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ownerships" ADD CONSTRAINT "ownerships_premises_id_fkey" FOREIGN KEY ("premises_id") REFERENCES "premises"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resident_account_links" ADD CONSTRAINT "resident_account_links_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "residents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resident_account_links" ADD CONSTRAINT "resident_account_links_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "personal_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resident_account_links" ADD CONSTRAINT "resident_account_links_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "owners"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_roles" ADD CONSTRAINT "staff_roles_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "staff_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_roles" ADD CONSTRAINT "staff_roles_house_id_fkey" FOREIGN KEY ("house_id") REFERENCES "houses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_sessions" ADD CONSTRAINT "staff_sessions_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "staff_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meters" ADD CONSTRAINT "meters_premises_id_fkey" FOREIGN KEY ("premises_id") REFERENCES "premises"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meters" ADD CONSTRAINT "meters_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "personal_accounts"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meters" ADD CONSTRAINT "meters_replaced_by_id_fkey" FOREIGN KEY ("replaced_by_id") REFERENCES "meters"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_meter_id_fkey" FOREIGN KEY ("meter_id") REFERENCES "meters"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_submitted_by_resident_id_fkey" FOREIGN KEY ("submitted_by_resident_id") REFERENCES "residents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_submitted_by_staff_id_fkey" FOREIGN KEY ("submitted_by_staff_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "services" ADD CONSTRAINT "services_house_id_fkey" FOREIGN KEY ("house_id") REFERENCES "houses"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tariffs" ADD CONSTRAINT "tariffs_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "normatives" ADD CONSTRAINT "normatives_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_periods" ADD CONSTRAINT "billing_periods_house_id_fkey" FOREIGN KEY ("house_id") REFERENCES "houses"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "billing_periods" ADD CONSTRAINT "billing_periods_closed_by_staff_id_fkey" FOREIGN KEY ("closed_by_staff_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "charges" ADD CONSTRAINT "charges_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "personal_accounts"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "charges" ADD CONSTRAINT "charges_billing_period_id_fkey" FOREIGN KEY ("billing_period_id") REFERENCES "billing_periods"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "charges" ADD CONSTRAINT "charges_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "charges" ADD CONSTRAINT "charges_meter_id_fkey" FOREIGN KEY ("meter_id") REFERENCES "meters"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "personal_accounts"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_matched_by_staff_id_fkey" FOREIGN KEY ("matched_by_staff_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_import_batch_id_fkey" FOREIGN KEY ("import_batch_id") REFERENCES "import_batches"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "personal_accounts"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_billing_period_id_fkey" FOREIGN KEY ("billing_period_id") REFERENCES "billing_periods"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sla_rules" ADD CONSTRAINT "sla_rules_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sla_rules" ADD CONSTRAINT "sla_rules_house_id_fkey" FOREIGN KEY ("house_id") REFERENCES "houses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_house_id_fkey" FOREIGN KEY ("house_id") REFERENCES "houses"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_premises_id_fkey" FOREIGN KEY ("premises_id") REFERENCES "premises"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "personal_accounts"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "residents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_created_by_staff_id_fkey" FOREIGN KEY ("created_by_staff_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_entrance_id_fkey" FOREIGN KEY ("entrance_id") REFERENCES "entrances"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_messages" ADD CONSTRAINT "ticket_messages_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_messages" ADD CONSTRAINT "ticket_messages_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "residents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_messages" ADD CONSTRAINT "ticket_messages_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_attachments" ADD CONSTRAINT "ticket_attachments_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_attachments" ADD CONSTRAINT "ticket_attachments_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "ticket_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_history" ADD CONSTRAINT "ticket_history_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_history" ADD CONSTRAINT "ticket_history_actor_staff_id_fkey" FOREIGN KEY ("actor_staff_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_history" ADD CONSTRAINT "ticket_history_actor_resident_id_fkey" FOREIGN KEY ("actor_resident_id") REFERENCES "residents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "polls" ADD CONSTRAINT "polls_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "polls" ADD CONSTRAINT "polls_house_id_fkey" FOREIGN KEY ("house_id") REFERENCES "houses"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "polls" ADD CONSTRAINT "polls_created_by_staff_id_fkey" FOREIGN KEY ("created_by_staff_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "poll_questions" ADD CONSTRAINT "poll_questions_poll_id_fkey" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "poll_options" ADD CONSTRAINT "poll_options_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "poll_questions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "votes" ADD CONSTRAINT "votes_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "poll_questions"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "votes" ADD CONSTRAINT "votes_option_id_question_id_fkey" FOREIGN KEY ("option_id", "question_id") REFERENCES "poll_options"("id", "question_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "votes" ADD CONSTRAINT "votes_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "residents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "votes" ADD CONSTRAINT "votes_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "owners"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "votes" ADD CONSTRAINT "votes_premises_id_fkey" FOREIGN KEY ("premises_id") REFERENCES "premises"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passes" ADD CONSTRAINT "passes_house_id_fkey" FOREIGN KEY ("house_id") REFERENCES "houses"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passes" ADD CONSTRAINT "passes_premises_id_fkey" FOREIGN KEY ("premises_id") REFERENCES "premises"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passes" ADD CONSTRAINT "passes_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "personal_accounts"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passes" ADD CONSTRAINT "passes_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "residents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passes" ADD CONSTRAINT "passes_created_by_staff_id_fkey" FOREIGN KEY ("created_by_staff_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passes" ADD CONSTRAINT "passes_approved_by_staff_id_fkey" FOREIGN KEY ("approved_by_staff_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pass_checks" ADD CONSTRAINT "pass_checks_pass_id_fkey" FOREIGN KEY ("pass_id") REFERENCES "passes"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pass_checks" ADD CONSTRAINT "pass_checks_house_id_fkey" FOREIGN KEY ("house_id") REFERENCES "houses"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pass_checks" ADD CONSTRAINT "pass_checks_guard_id_fkey" FOREIGN KEY ("guard_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_house_id_fkey" FOREIGN KEY ("house_id") REFERENCES "houses"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_created_by_staff_id_fkey" FOREIGN KEY ("created_by_staff_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "faq_entries" ADD CONSTRAINT "faq_entries_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "faq_entries" ADD CONSTRAINT "faq_entries_house_id_fkey" FOREIGN KEY ("house_id") REFERENCES "houses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "residents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_announcement_id_fkey" FOREIGN KEY ("announcement_id") REFERENCES "announcements"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "file_objects" ADD CONSTRAINT "file_objects_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_batches" ADD CONSTRAINT "import_batches_created_by_staff_id_fkey" FOREIGN KEY ("created_by_staff_id") REFERENCES "staff_users"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- ─────────────────────────────────────────────────────────────────────────────
-- Hand-written below this line: CHECK constraints. The Prisma schema cannot express them and the schema engine
-- ignores them when diffing, so later generated migrations leave them alone. See prisma/README.md.
-- ─────────────────────────────────────────────────────────────────────────────

-- Houses: readings window days are days of a month.
ALTER TABLE "houses" ADD CONSTRAINT "houses_readings_window_check"
    CHECK ("readings_window_start_day" BETWEEN 1 AND 31 AND "readings_window_end_day" BETWEEN 1 AND 31);
ALTER TABLE "houses" ADD CONSTRAINT "houses_total_area_check" CHECK ("total_area" >= 0);

-- Premises and accounts.
ALTER TABLE "premises" ADD CONSTRAINT "premises_area_check" CHECK ("area" > 0);
ALTER TABLE "personal_accounts" ADD CONSTRAINT "personal_accounts_registered_persons_check"
    CHECK ("registered_persons" >= 0);

-- Ownership share is a proper fraction 0 < n/d ≤ 1.
ALTER TABLE "ownerships" ADD CONSTRAINT "ownerships_share_check"
    CHECK ("share_numerator" > 0 AND "share_denominator" > 0 AND "share_numerator" <= "share_denominator");

-- Meters: 1..3 tariff zones, sane digit capacity.
ALTER TABLE "meters" ADD CONSTRAINT "meters_zones_check" CHECK ("zones" BETWEEN 1 AND 3);
ALTER TABLE "meters" ADD CONSTRAINT "meters_digits_check"
    CHECK ("integer_digits" BETWEEN 1 AND 12 AND "fraction_digits" BETWEEN 0 AND 6);

-- Readings: first day of the billing month, zone 1..3, non-negative value.
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_period_check" CHECK (EXTRACT(DAY FROM "period") = 1);
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_zone_check" CHECK ("zone" BETWEEN 1 AND 3);
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_value_check" CHECK ("value" >= 0);

-- Tariffs and normatives: valid ranges, zone 1..3 when set, no negative prices.
ALTER TABLE "tariffs" ADD CONSTRAINT "tariffs_zone_check" CHECK ("zone" IS NULL OR "zone" BETWEEN 1 AND 3);
ALTER TABLE "tariffs" ADD CONSTRAINT "tariffs_price_check" CHECK ("price_kopecks" >= 0);
ALTER TABLE "tariffs" ADD CONSTRAINT "tariffs_valid_range_check" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from");
ALTER TABLE "normatives" ADD CONSTRAINT "normatives_value_check" CHECK ("value" >= 0);
ALTER TABLE "normatives" ADD CONSTRAINT "normatives_valid_range_check"
    CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from");

-- Billing: periods are first days of months.
ALTER TABLE "billing_periods" ADD CONSTRAINT "billing_periods_period_check" CHECK (EXTRACT(DAY FROM "period") = 1);
ALTER TABLE "charges" ADD CONSTRAINT "charges_period_check"
    CHECK (EXTRACT(DAY FROM "period") = 1 AND ("corrects_period" IS NULL OR EXTRACT(DAY FROM "corrects_period") = 1));
ALTER TABLE "charges" ADD CONSTRAINT "charges_zone_check" CHECK ("zone" IS NULL OR "zone" BETWEEN 1 AND 3);

-- Payments are positive; a reversal is a status, not a negative payment.
ALTER TABLE "payments" ADD CONSTRAINT "payments_amount_check" CHECK ("amount_kopecks" > 0);
ALTER TABLE "payments" ADD CONSTRAINT "payments_period_check" CHECK ("period" IS NULL OR EXTRACT(DAY FROM "period") = 1);

-- Penalty law data.
ALTER TABLE "key_rates" ADD CONSTRAINT "key_rates_rate_check" CHECK ("rate_bp" >= 0);
ALTER TABLE "penalty_rules" ADD CONSTRAINT "penalty_rules_valid_range_check"
    CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from");

-- Tickets: rating 1..5.
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_rating_check" CHECK ("rating" IS NULL OR "rating" BETWEEN 1 AND 5);

-- Votes: a BY_OWNERSHIP share snapshot is a proper fraction.
ALTER TABLE "votes" ADD CONSTRAINT "votes_share_check"
    CHECK ("share_denominator" IS NULL OR ("share_numerator" > 0 AND "share_denominator" > 0
           AND "share_numerator" <= "share_denominator"));

-- Passes: the range is not inverted.
ALTER TABLE "passes" ADD CONSTRAINT "passes_valid_range_check" CHECK ("valid_to" >= "valid_from");

-- Outbox: priority 0 is the most urgent.
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_priority_check" CHECK ("priority" >= 0);
