package market.udong.lambdas.masking;

import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;

/** One entry of an input column chunk's dictionary, chosen by {@link #id}, as a value to mask. */
final class DictionaryEntry implements ParquetTypes.ValueSource {
    private final Dictionary dictionary;
    int id;

    DictionaryEntry(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    int size() {
        return dictionary.getMaxId() + 1;
    }

    @Override
    public boolean getBoolean() {
        return dictionary.decodeToBoolean(id);
    }

    @Override
    public int getInteger() {
        return dictionary.decodeToInt(id);
    }

    @Override
    public long getLong() {
        return dictionary.decodeToLong(id);
    }

    @Override
    public float getFloat() {
        return dictionary.decodeToFloat(id);
    }

    @Override
    public double getDouble() {
        return dictionary.decodeToDouble(id);
    }

    @Override
    public Binary getBinary() {
        return dictionary.decodeToBinary(id);
    }
}
