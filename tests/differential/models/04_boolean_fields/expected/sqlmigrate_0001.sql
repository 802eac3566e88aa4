BEGIN;
--
-- Create model Setting
--
CREATE TABLE "app_setting" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL, "enabled" bool NOT NULL, "is_public" bool NOT NULL, "is_deleted" bool NOT NULL, "agreed" bool NULL, "verified" bool NULL, "is_staff_only" bool NOT NULL);
COMMIT;
