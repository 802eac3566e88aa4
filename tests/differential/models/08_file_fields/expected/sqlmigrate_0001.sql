BEGIN;
--
-- Create model Attachment
--
CREATE TABLE "app_attachment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "file" varchar(100) NOT NULL, "dated_file" varchar(100) NOT NULL, "photo" varchar(100) NULL, "avatar" varchar(255) NOT NULL, "plain" varchar(100) NOT NULL);
COMMIT;
