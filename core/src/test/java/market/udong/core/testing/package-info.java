/**
 * Harnesses that start real local servers (S3, MariaDB, Kafka, Kinesis) on 127.0.0.1 for the
 * tests of every module. Each harness binds loopback only, picks free ports, and is closed by
 * the test that started it. Shared through core's test-jar.
 */
package market.udong.core.testing;
