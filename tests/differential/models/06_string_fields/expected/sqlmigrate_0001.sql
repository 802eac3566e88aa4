BEGIN;
--
-- Create model Contact
--
CREATE TABLE "app_contact" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "nickname" varchar(30) NOT NULL UNIQUE, "email" varchar(254) NOT NULL, "backup_email" varchar(100) NULL, "homepage" varchar(200) NOT NULL, "blog" varchar(500) NOT NULL, "slug" varchar(50) NOT NULL, "slug_unique" varchar(80) NOT NULL UNIQUE, "ip" char(39) NOT NULL, "ipv4" char(39) NULL, "memo" text NOT NULL, "phone" varchar(20) NOT NULL);
CREATE INDEX "app_contact_name_89d6881a" ON "app_contact" ("name");
CREATE INDEX "app_contact_slug_c4bc4f43" ON "app_contact" ("slug");
COMMIT;
