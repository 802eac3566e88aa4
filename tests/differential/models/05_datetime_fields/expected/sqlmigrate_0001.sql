BEGIN;
--
-- Create model Event
--
CREATE TABLE "app_event" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "day" date NOT NULL, "start_time" time NOT NULL, "end_time" time NULL, "duration" bigint NOT NULL, "created" datetime NOT NULL, "modified" datetime NOT NULL, "published" datetime NOT NULL, "deadline" datetime NULL, "birthday" date NOT NULL, "opened_on" date NOT NULL);
COMMIT;
