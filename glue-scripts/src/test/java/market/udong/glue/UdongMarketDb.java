package market.udong.glue;

import market.udong.core.testing.LocalMariaDb;

/**
 * The Udong Market {@code orders} database as the tests and the benchmark load it into a local
 * MariaDB: {@code members} and {@code order_items} shaped like config/sources/orders.yaml (with
 * the PII columns its policies mask), and {@code all_types} holding every source type of
 * shared/DESIGN.md section 6.
 */
public final class UdongMarketDb {
    private UdongMarketDb() {
    }

    public static final String DATABASE = "orders";

    /** Creates the database and empty tables. */
    public static void createTables(LocalMariaDb db) {
        db.execute("",
                "CREATE DATABASE " + DATABASE,
                """
                CREATE TABLE orders.members (
                  member_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
                  name VARCHAR(50) NOT NULL,
                  email VARCHAR(120),
                  phone VARCHAR(20),
                  address TEXT,
                  birth_date DATE,
                  grade ENUM('bronze','silver','gold') NOT NULL,
                  marketing_opt_in TINYINT(1) NOT NULL,
                  created_at DATETIME(6) NOT NULL,
                  updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                  legacy_memo VARCHAR(100)
                )""",
                """
                CREATE TABLE orders.order_items (
                  order_item_id BIGINT NOT NULL PRIMARY KEY,
                  order_id BIGINT UNSIGNED NOT NULL,
                  product_id INT NOT NULL,
                  product_name VARCHAR(200) NOT NULL,
                  quantity SMALLINT NOT NULL,
                  unit_price DECIMAL(12,2) NOT NULL,
                  gift_message TEXT,
                  created_at DATETIME(6) NOT NULL
                )""",
                """
                CREATE TABLE orders.all_types (
                  id BIGINT NOT NULL PRIMARY KEY,
                  flag BOOLEAN,
                  tiny TINYINT,
                  small SMALLINT,
                  medium MEDIUMINT UNSIGNED,
                  regular INT,
                  regular_unsigned INT UNSIGNED,
                  big BIGINT,
                  big_unsigned BIGINT UNSIGNED,
                  price DECIMAL(12,2),
                  ratio DOUBLE,
                  local_time DATETIME(6),
                  instant TIMESTAMP(6) NULL,
                  day DATE,
                  clock TIME(6),
                  yr YEAR,
                  code CHAR(3),
                  label VARCHAR(20),
                  body TEXT,
                  status ENUM('paid','shipped'),
                  tags SET('gift','bulk'),
                  doc JSON,
                  raw BINARY(4),
                  blob_col BLOB
                )""");
    }

    /** Members 1..5, Korean names and contact details. */
    public static void insertMembers(LocalMariaDb db) {
        db.execute(DATABASE, """
                INSERT INTO members (member_id, name, email, phone, address, birth_date, grade, marketing_opt_in,
                                     created_at, updated_at, legacy_memo) VALUES
                (1, '김민지', 'kim.minji@udong.market', '010-1234-5678', '서울시 마포구 와우산로 1', '1990-07-15', 'gold', 1,
                    '2026-11-24 23:30:00.250000', '2026-11-24 14:30:00.250000', 'called twice'),
                (2, '이서준', 'seojun.lee@example.com', '010-2222-3333', '부산시 해운대구 2', '1985-01-02', 'silver', 0,
                    '2026-11-25 09:00:00', '2026-11-25 00:00:00', NULL),
                (3, '박하은', 'haeun@udong.market', '+82-10-4444-5555', '대전시 유성구 3', '2001-12-31', 'bronze', 1,
                    '2026-11-25 10:00:00', '2026-11-25 01:00:00', NULL),
                (4, '최도윤', NULL, NULL, NULL, NULL, 'bronze', 0,
                    '2026-11-25 11:00:00', '2026-11-25 02:00:00', NULL),
                (5, '정유나', 'yuna.jung@example.org', '02-987-6543', '인천시 연수구 5', '1979-03-08', 'gold', 1,
                    '2026-11-25 12:00:00', '2026-11-25 03:00:00', NULL)""");
    }

    /** Order lines {@code fromId..toId}, spread over three days of {@code created_at}. */
    public static void insertOrderItems(LocalMariaDb db, int fromId, int toId) {
        db.execute(DATABASE, "INSERT INTO order_items SELECT seq, 1000 + seq DIV 3, 10 + seq MOD 7,"
                + " CONCAT('우동 세트 ', seq MOD 7), 1 + seq MOD 4, 4500.00 + (seq MOD 5) * 500,"
                + " IF(seq MOD 2 = 0, CONCAT('생일 축하해 ', seq), NULL),"
                + " TIMESTAMP('2026-11-23 08:00:00') + INTERVAL (seq MOD 3) DAY + INTERVAL seq SECOND"
                + " FROM seq_" + fromId + "_to_" + toId);
    }

    /** Two rows: one with edge values of every type, one all null. */
    public static void insertAllTypes(LocalMariaDb db) {
        db.execute(DATABASE, """
                INSERT INTO all_types VALUES
                (1, TRUE, -128, -32768, 16777215, -2147483648, 4294967295, -9223372036854775808,
                 18446744073709551615, 1234567890.12, 0.25,
                 '2026-03-01 09:30:00.123456', '2026-03-01 09:30:00.654321', '2026-03-01', '-12:34:56.500000', 2026,
                 'KRW', '우동', '국물 맛있어요', 'shipped', 'gift,bulk', '{"spicy": true}', X'DEADBEEF', X'00FF10'),
                (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)""");
    }
}
