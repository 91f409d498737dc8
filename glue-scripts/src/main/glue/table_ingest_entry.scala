// Glue entry script of the table ingestion jobs (Glue 5.0, Scala job type).
//
// Glue requires a script location for Scala jobs, but the job's code is the Java class in the
// shaded jar passed as --extra-jars (glue-scripts/target/udong-glue-job.jar). Jobs set
// --class market.udong.glue.TableIngestJob, so Glue runs that class and this file only satisfies
// the script location; should a job run with the default --class GlueApp, it delegates the same way.
object GlueApp {
  def main(sysArgs: Array[String]): Unit = market.udong.glue.TableIngestJob.main(sysArgs)
}
