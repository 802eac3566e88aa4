BEGIN;
--
-- Create model Author
--
CREATE TABLE "app_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL);
--
-- Create model Publisher
--
CREATE TABLE "app_publisher" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL);
--
-- Create model Book
--
CREATE TABLE "app_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, "author_id" bigint NOT NULL REFERENCES "app_author" ("id") DEFERRABLE INITIALLY DEFERRED, "editor_id" bigint NULL REFERENCES "app_author" ("id") DEFERRABLE INITIALLY DEFERRED, "printer_id" bigint NOT NULL REFERENCES "app_publisher" ("id") DEFERRABLE INITIALLY DEFERRED, "publisher_id" bigint NOT NULL REFERENCES "app_publisher" ("id") DEFERRABLE INITIALLY DEFERRED, "reviewer_id" bigint NOT NULL REFERENCES "app_author" ("id") DEFERRABLE INITIALLY DEFERRED, "translator_id" bigint NOT NULL REFERENCES "app_author" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "app_book_author_id_980d3e25" ON "app_book" ("author_id");
CREATE INDEX "app_book_editor_id_588fd8be" ON "app_book" ("editor_id");
CREATE INDEX "app_book_printer_id_42f790fe" ON "app_book" ("printer_id");
CREATE INDEX "app_book_publisher_id_74fff6a5" ON "app_book" ("publisher_id");
CREATE INDEX "app_book_reviewer_id_de594993" ON "app_book" ("reviewer_id");
CREATE INDEX "app_book_translator_id_f57cf03b" ON "app_book" ("translator_id");
COMMIT;
