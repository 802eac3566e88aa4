BEGIN;
--
-- Create model Student
--
CREATE TABLE "app_student" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "year" varchar(2) NOT NULL, "grade" varchar(1) NOT NULL, "level" integer NOT NULL, "gender" varchar(1) NOT NULL, "media" varchar(10) NOT NULL);
COMMIT;
