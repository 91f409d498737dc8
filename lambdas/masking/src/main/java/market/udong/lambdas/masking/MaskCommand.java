package market.udong.lambdas.masking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import market.udong.core.config.ConfigException;
import market.udong.core.config.ConfigLoader;
import market.udong.core.config.SourceConfig;
import market.udong.core.config.TableConfig;
import market.udong.core.masking.ColumnMasks;
import market.udong.core.masking.PipelineColumns;
import market.udong.core.masking.PolicyViolation;

import org.apache.parquet.io.LocalOutputFile;

/**
 * {@code bin/mask}: dry-runs a table's column policies on a local Parquet file with the masking
 * Lambda's own code, so a team can try a policy before merging it.
 *
 * <pre>
 * bin/mask --source config/sources/orders.yaml --table members [--key-file KEY] [--dms] IN.parquet OUT.parquet
 * </pre>
 *
 * {@code --table} takes {@code name} or {@code database.name}. Without {@code --key-file} hashes
 * use a fixed dry-run key, so pseudonyms differ from the environments'. {@code --dms} passes
 * DMS's {@code Op} and timestamp columns through. Exit codes: 0 masked, 2 usage or bad
 * policy/config, 3 unreadable input, 4 the file breaks the policy.
 */
public final class MaskCommand {

    /** Key used when none is given; never an environment's key. */
    static final String DRY_RUN_KEY = "udong-bin-mask-dry-run-key-not-for-production";

    private MaskCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String sourceFile = null;
        String tableName = null;
        String keyFile = null;
        boolean dms = false;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--source" -> sourceFile = i + 1 < args.length ? args[++i] : null;
                case "--table" -> tableName = i + 1 < args.length ? args[++i] : null;
                case "--key-file" -> keyFile = i + 1 < args.length ? args[++i] : null;
                case "--dms" -> dms = true;
                case "-h", "--help" -> {
                    System.out.println(usage());
                    return 0;
                }
                default -> files.add(args[i]);
            }
        }
        if (sourceFile == null || tableName == null || files.size() != 2) {
            System.err.println(usage());
            return 2;
        }
        SourceConfig source;
        try {
            source = new ConfigLoader().loadSource(Path.of(sourceFile));
        } catch (ConfigException e) {
            System.err.println("mask: bad source config: " + e.getMessage());
            return 2;
        }
        String wanted = tableName;
        List<TableConfig> matches = source.tables().stream()
                .filter(t -> t.name().equalsIgnoreCase(wanted) || t.qualifiedName().equalsIgnoreCase(wanted))
                .toList();
        if (matches.size() != 1) {
            System.err.println("mask: " + (matches.isEmpty() ? "no" : "more than one") + " table '" + tableName
                    + "' in " + sourceFile + "; tables: "
                    + source.tables().stream().map(TableConfig::qualifiedName).toList());
            return 2;
        }
        TableConfig table = dms
                ? PipelineColumns.withPassThrough(matches.get(0), PipelineColumns.dms(source.dms().timestampColumn()))
                : matches.get(0);
        Path in = Path.of(files.get(0));
        Path out = Path.of(files.get(1));
        if (!Files.isReadable(in)) {
            System.err.println("mask: cannot read input " + in);
            return 3;
        }
        ColumnMasks masks;
        try {
            masks = keyFile == null ? ColumnMasks.fromSecretString(DRY_RUN_KEY)
                    : ColumnMasks.fromSecretString(Files.readString(Path.of(keyFile), StandardCharsets.UTF_8).strip());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("mask: bad key file " + keyFile + ": " + e.getMessage());
            return 2;
        }
        try {
            MaskingReport report = new ParquetMasker().mask(new LocalParquetFile(in), new LocalOutputFile(out), table, masks);
            System.out.println("table      " + table.qualifiedName() + " (source " + source.name() + ")");
            System.out.println("rows       in " + report.rowsIn() + ", out " + report.rowsOut()
                    + " (" + report.rowGroups() + " row groups)");
            System.out.println("kept         " + report.kept().size() + " " + report.kept());
            System.out.println("masked       " + report.masked().size() + " " + report.masked());
            System.out.println("dropped      " + report.dropped().size() + " " + report.dropped());
            System.out.println("unclassified " + report.unclassified().size() + " " + report.unclassified()
                    + (report.unclassified().isEmpty() ? "" : " (dropped; classify them in " + sourceFile + ")"));
            System.out.println("copied without decoding " + report.columns().stream().filter(MaskingReport.OutputColumn::copied)
                    .map(MaskingReport.OutputColumn::name).toList());
            if (keyFile == null && report.columns().stream().anyMatch(c -> c.masked())) {
                System.out.println("note: hashes use the dry-run key; they differ from the environments' pseudonyms");
            }
            return 0;
        } catch (PolicyViolation e) {
            System.err.println("mask: the file breaks the policy of " + table.qualifiedName() + ": " + e.getMessage());
            return 4;
        } catch (IOException e) {
            System.err.println("mask: cannot read " + in + " as Parquet: " + e.getMessage());
            return 3;
        }
    }

    private static String usage() {
        return "usage: bin/mask --source config/sources/NAME.yaml --table [DB.]TABLE [--key-file FILE] [--dms] IN.parquet OUT.parquet";
    }
}
