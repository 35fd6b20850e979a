CREATE TYPE "public"."assignment_origin" AS ENUM('manual', 'rule');--> statement-breakpoint
CREATE TYPE "public"."assignment_status" AS ENUM('active', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."licence_state" AS ENUM('invited', 'waiting', 'active');--> statement-breakpoint
CREATE TYPE "public"."rule_operator" AS ENUM('equals', 'not_equals', 'contains', 'starts_with', 'ends_with', 'present');--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"identity_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"origin" "assignment_origin" NOT NULL,
	"status" "assignment_status" DEFAULT 'active' NOT NULL,
	"role" text,
	"rule_id" uuid,
	"licence_state" "licence_state" DEFAULT 'invited' NOT NULL,
	"activation_requested_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entitlement_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"priority" integer NOT NULL,
	"group_name" text,
	"condition_attribute" text,
	"condition_operator" "rule_operator",
	"condition_value" text,
	"grants_role" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "licence_limit" integer;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_identity_id_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."identities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_rule_id_entitlement_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."entitlement_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_rules" ADD CONSTRAINT "entitlement_rules_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_identity_application_key" ON "assignments" USING btree ("identity_id","application_id");--> statement-breakpoint
CREATE INDEX "assignments_application_status_idx" ON "assignments" USING btree ("application_id","status");--> statement-breakpoint
CREATE INDEX "assignments_licence_queue_idx" ON "assignments" USING btree ("application_id","licence_state","activation_requested_at");--> statement-breakpoint
CREATE INDEX "assignments_rule_idx" ON "assignments" USING btree ("rule_id") WHERE "assignments"."rule_id" is not null;--> statement-breakpoint
CREATE INDEX "entitlement_rules_application_idx" ON "entitlement_rules" USING btree ("application_id","priority");