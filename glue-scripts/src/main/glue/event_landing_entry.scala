// Glue entry script of the events landing jobs (Glue 5.0, Scala job type).
//
// Glue requires a script location for Scala jobs, but the job's code is the Java class in the
// shaded jar passed as --extra-jars (glue-scripts/target/udong-glue-job.jar). Jobs set
// --class market.udong.glue.events.EventLandingJob; should a job run with the default
// --class GlueApp, it delegates the same way.
object GlueApp {
  def main(sysArgs: Array[String]): Unit = market.udong.glue.events.EventLandingJob.main(sysArgs)
}
