package market.udong.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import market.udong.core.types.ColumnType.Kind;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {

    @Test
    void of_givesTheConstantOfEachKind_withoutPrecisionOrScale() {
        // GIVEN every kind but decimal WHEN built through of THEN it equals its constant and has no precision or scale
        assertEquals(ColumnType.STRING, ColumnType.of(Kind.STRING));
        assertEquals(ColumnType.BINARY, ColumnType.of(Kind.BINARY));
        assertEquals(ColumnType.BOOLEAN, ColumnType.of(Kind.BOOLEAN));
        assertEquals(ColumnType.INT, ColumnType.of(Kind.INT));
        assertEquals(ColumnType.BIGINT, ColumnType.of(Kind.BIGINT));
        assertEquals(ColumnType.FLOAT, ColumnType.of(Kind.FLOAT));
        assertEquals(ColumnType.DOUBLE, ColumnType.of(Kind.DOUBLE));
        assertEquals(ColumnType.DATE, ColumnType.of(Kind.DATE));
        assertEquals(ColumnType.TIMESTAMP, ColumnType.of(Kind.TIMESTAMP));
        assertEquals(ColumnType.TIMESTAMP_NTZ, ColumnType.of(Kind.TIMESTAMP_NTZ));
        ColumnType bigint = ColumnType.of(Kind.BIGINT);
        assertEquals(Kind.BIGINT, bigint.kind());
        assertEquals(0, bigint.precision());
        assertEquals(0, bigint.scale());
    }

    @Test
    void decimal_acceptsPrecisionOneToThirtyEight_andScaleZeroToPrecision() {
        // GIVEN the extreme valid precisions and scales WHEN built THEN each keeps what it was given
        ColumnType smallest = ColumnType.decimal(1, 0);
        assertEquals(1, smallest.precision());
        assertEquals(0, smallest.scale());
        ColumnType allFraction = ColumnType.decimal(1, 1);
        assertEquals(1, allFraction.scale());
        ColumnType widest = ColumnType.decimal(ColumnType.MAX_DECIMAL_PRECISION, ColumnType.MAX_DECIMAL_PRECISION);
        assertEquals(38, widest.precision());
        assertEquals(38, widest.scale());
        assertEquals(Kind.DECIMAL, ColumnType.decimal(20, 0).kind());
    }

    @Test
    void decimal_rejectsPrecisionOrScaleJustOutsideTheRange_withTheRuleInTheMessage() {
        for (int[] ps : new int[][] {{0, 0}, {39, 0}, {5, -1}, {5, 6}}) {
            // WHEN a decimal is built just outside the allowed range
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ColumnType.decimal(ps[0], ps[1]));
            // THEN the message names it and the rule
            assertEquals("decimal(" + ps[0] + "," + ps[1] + ") is not a valid decimal: precision 1 to 38, scale 0 to precision",
                    e.getMessage());
        }
    }

    @Test
    void nonDecimalKinds_rejectAPrecisionOrAScale() {
        // GIVEN an int with a precision and a string with a scale WHEN built THEN each is refused
        IllegalArgumentException precision = assertThrows(IllegalArgumentException.class,
                () -> new ColumnType(Kind.INT, 10, 0));
        assertEquals("only decimal takes a precision and scale", precision.getMessage());
        IllegalArgumentException scale = assertThrows(IllegalArgumentException.class,
                () -> new ColumnType(Kind.STRING, 0, 2));
        assertEquals("only decimal takes a precision and scale", scale.getMessage());
    }

    @Test
    void parseOverride_readsEveryConfigSpelling_caseAndSpaceInsensitive() {
        // GIVEN each override a config may write, in any case and with spaces WHEN parsed THEN it is its type
        ColumnType input = ColumnType.STRING;
        assertEquals(ColumnType.STRING, ColumnType.parseOverride("string", input));
        assertEquals(ColumnType.INT, ColumnType.parseOverride("INT", input));
        assertEquals(ColumnType.BIGINT, ColumnType.parseOverride(" bigint ", input));
        assertEquals(ColumnType.DOUBLE, ColumnType.parseOverride("double", input));
        assertEquals(ColumnType.BOOLEAN, ColumnType.parseOverride("Boolean", input));
        assertEquals(ColumnType.DATE, ColumnType.parseOverride("date", input));
        assertEquals(ColumnType.BINARY, ColumnType.parseOverride("binary", input));
        assertEquals(ColumnType.decimal(20, 0), ColumnType.parseOverride("decimal(20,0)", input));
        assertEquals(ColumnType.decimal(10, 2), ColumnType.parseOverride(" DECIMAL(10, 2) ", input));
    }

    @Test
    void parseOverride_timestamp_keepsTheZoneOfATimestampInput_andIsWallClockOtherwise() {
        // GIVEN "timestamp" over each temporal and a text input WHEN parsed THEN only a UTC timestamp stays UTC
        assertEquals(ColumnType.TIMESTAMP, ColumnType.parseOverride("timestamp", ColumnType.TIMESTAMP));
        assertEquals(ColumnType.TIMESTAMP_NTZ, ColumnType.parseOverride("timestamp", ColumnType.TIMESTAMP_NTZ));
        assertEquals(ColumnType.TIMESTAMP_NTZ, ColumnType.parseOverride("timestamp", ColumnType.DATE));
        assertEquals(ColumnType.TIMESTAMP_NTZ, ColumnType.parseOverride("timestamp", ColumnType.STRING));
    }

    @Test
    void parseOverride_rejectsUnknownSpellings_listingWhatIsAllowed() {
        // GIVEN spellings that are no override (float is not one) WHEN parsed THEN the message lists what is allowed
        for (String spec : new String[] {"varchar", "float", "decimal(123,1)", "decimal"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ColumnType.parseOverride(spec, ColumnType.STRING));
            assertEquals("'" + spec + "' is not a type; allowed: string, int, bigint, double, boolean, date, timestamp,"
                    + " binary, decimal(p,s)", e.getMessage());
        }
        IllegalArgumentException tooWide = assertThrows(IllegalArgumentException.class,
                () -> ColumnType.parseOverride("decimal(39,0)", ColumnType.STRING));
        assertTrue(tooWide.getMessage().startsWith("decimal(39,0) is not a valid decimal"), tooWide.getMessage());
    }

    @Test
    void isNumericAndIsTemporal_holdForExactlyTheirKinds() {
        // GIVEN every kind WHEN asked THEN numeric and temporal hold for exactly the documented kinds
        Set<Kind> numeric = EnumSet.of(Kind.INT, Kind.BIGINT, Kind.FLOAT, Kind.DOUBLE, Kind.DECIMAL);
        Set<Kind> temporal = EnumSet.of(Kind.DATE, Kind.TIMESTAMP, Kind.TIMESTAMP_NTZ);
        for (Kind kind : Kind.values()) {
            ColumnType type = kind == Kind.DECIMAL ? ColumnType.decimal(10, 2) : ColumnType.of(kind);
            assertEquals(numeric.contains(kind), type.isNumeric(), kind + " numeric");
            assertEquals(temporal.contains(kind), type.isTemporal(), kind + " temporal");
        }
    }

    @Test
    void toString_isTheSpellingErrorMessagesShow() {
        // GIVEN every kind WHEN written THEN it is the config spelling that violation messages show
        assertEquals("string", ColumnType.STRING.toString());
        assertEquals("binary", ColumnType.BINARY.toString());
        assertEquals("boolean", ColumnType.BOOLEAN.toString());
        assertEquals("int", ColumnType.INT.toString());
        assertEquals("bigint", ColumnType.BIGINT.toString());
        assertEquals("float", ColumnType.FLOAT.toString());
        assertEquals("double", ColumnType.DOUBLE.toString());
        assertEquals("date", ColumnType.DATE.toString());
        assertEquals("decimal(20,0)", ColumnType.decimal(20, 0).toString());
        assertEquals("timestamp", ColumnType.TIMESTAMP.toString());
        assertEquals("timestamp without time zone", ColumnType.TIMESTAMP_NTZ.toString());
    }

    @Test
    void everyOverrideSpelling_parsesBackToItsType() {
        // GIVEN the types a config override can name WHEN each is written and parsed again THEN it is the same type
        for (ColumnType type : new ColumnType[] {ColumnType.STRING, ColumnType.INT, ColumnType.BIGINT, ColumnType.DOUBLE,
                ColumnType.BOOLEAN, ColumnType.DATE, ColumnType.BINARY, ColumnType.TIMESTAMP, ColumnType.decimal(12, 3)}) {
            assertEquals(type, ColumnType.parseOverride(type.toString(), type), type.toString());
        }
    }

    @Test
    void catalogType_isTheHiveTypeAthenaReads_withOneTimestampTypeForBothKinds() {
        // GIVEN every kind WHEN declared in the catalog THEN it is the Hive type name
        assertEquals("string", ColumnType.STRING.catalogType());
        assertEquals("binary", ColumnType.BINARY.catalogType());
        assertEquals("boolean", ColumnType.BOOLEAN.catalogType());
        assertEquals("int", ColumnType.INT.catalogType());
        assertEquals("bigint", ColumnType.BIGINT.catalogType());
        assertEquals("float", ColumnType.FLOAT.catalogType());
        assertEquals("double", ColumnType.DOUBLE.catalogType());
        assertEquals("date", ColumnType.DATE.catalogType());
        assertEquals("decimal(20,0)", ColumnType.decimal(20, 0).catalogType());
        assertEquals("timestamp", ColumnType.TIMESTAMP.catalogType());
        assertEquals("timestamp", ColumnType.TIMESTAMP_NTZ.catalogType());
    }

    @Test
    void parse_readsADeclaredType_andATimestampIsAnInstant() {
        // GIVEN a lake table's or an event field's declared types WHEN parsed THEN each is its type
        assertEquals(ColumnType.TIMESTAMP, ColumnType.parse("timestamp"));
        assertEquals(ColumnType.decimal(12, 2), ColumnType.parse("decimal(12,2)"));
        assertEquals(ColumnType.BIGINT, ColumnType.parse("bigint"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColumnType.parse("varchar"));
        assertTrue(e.getMessage().startsWith("'varchar' is not a type; allowed: "), e.getMessage());
    }
}
