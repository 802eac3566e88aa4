BEGIN;
--
-- Create model Article
--
CREATE TABLE "app_article" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "subtitle" varchar(100) NOT NULL, "content_body" text NOT NULL, "code" varchar(36) NOT NULL UNIQUE, "score" integer NOT NULL, "summary" varchar(200) NULL, "note" text NOT NULL, "views" integer NOT NULL, "ratio" real NOT NULL, "LegacyID" integer NULL UNIQUE);
CREATE INDEX "app_article_score_cc20e941" ON "app_article" ("score");
COMMIT;
