BEGIN;
--
-- Create model Post
--
CREATE TABLE "app_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "numOfLike" integer NOT NULL, "writer" varchar(30) NOT NULL);
COMMIT;
