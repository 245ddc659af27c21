-- AlterTable
ALTER TABLE "houses" ADD COLUMN     "max_active_car_passes" INTEGER DEFAULT 3;

-- AlterTable
ALTER TABLE "pass_checks" ADD COLUMN     "entered" BOOLEAN NOT NULL DEFAULT false;

-- Hand-written (the schema language has no CHECK): a limit is a small non-negative count.
ALTER TABLE "houses" ADD CONSTRAINT "houses_max_active_car_passes_check" CHECK ("max_active_car_passes" IS NULL OR "max_active_car_passes" BETWEEN 0 AND 100);
