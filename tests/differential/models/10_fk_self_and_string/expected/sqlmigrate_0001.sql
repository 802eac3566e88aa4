BEGIN;
--
-- Create model Department
--
CREATE TABLE "app_department" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL, "parent_id" bigint NULL REFERENCES "app_department" ("id") DEFERRABLE INITIALLY DEFERRED);
--
-- Create model Office
--
CREATE TABLE "app_office" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "city" varchar(50) NOT NULL);
--
-- Create model Employee
--
CREATE TABLE "app_employee" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(50) NOT NULL, "department_id" bigint NOT NULL REFERENCES "app_department" ("id") DEFERRABLE INITIALLY DEFERRED, "manager_id" bigint NULL REFERENCES "app_employee" ("id") DEFERRABLE INITIALLY DEFERRED, "office_id" bigint NULL REFERENCES "app_office" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "app_department_parent_id_c3da2654" ON "app_department" ("parent_id");
CREATE INDEX "app_employee_department_id_8fe13ca4" ON "app_employee" ("department_id");
CREATE INDEX "app_employee_manager_id_b370d26b" ON "app_employee" ("manager_id");
CREATE INDEX "app_employee_office_id_a2cb0a07" ON "app_employee" ("office_id");
COMMIT;
