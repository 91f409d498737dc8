package market.udong.glue.sink;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.hadoop.util.Progressable;

/**
 * s3a whose write of the ingest state file fails while {@link #armed}, the way a job dies between
 * writing its data and committing its state (a lost executor, a timeout, a throttled PUT): every
 * other read and write reaches the S3 server as usual. Installed with {@link #install} as the
 * {@code s3a} implementation of one Hadoop configuration (the file system cache is off in the
 * tests, so the next {@code FileSystem.get} picks it up).
 */
public class StateWriteFailingFileSystem extends S3AFileSystem {

    /** While set, creating {@link CuratedTable#STATE_FILE} fails. */
    public static final AtomicBoolean armed = new AtomicBoolean();

    /** State writes refused so far. */
    public static final AtomicInteger refused = new AtomicInteger();

    private static final String IMPL = "fs.s3a.impl";

    /** Makes {@code conf}'s s3a this class; returns what it was, for {@link #uninstall}. */
    public static String install(Configuration conf) {
        String before = conf.get(IMPL);
        conf.set(IMPL, StateWriteFailingFileSystem.class.getName());
        return before;
    }

    public static void uninstall(Configuration conf, String before) {
        armed.set(false);
        if (before == null) {
            conf.unset(IMPL);
        } else {
            conf.set(IMPL, before);
        }
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
        if (armed.get() && f.getName().equals(CuratedTable.STATE_FILE)) {
            refused.incrementAndGet();
            throw new IOException("injected failure: the job died before committing " + f);
        }
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }
}
