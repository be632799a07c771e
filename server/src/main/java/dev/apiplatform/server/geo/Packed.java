package dev.apiplatform.server.geo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The packed columns {@link Gazetteer} is made of: no object per row, a few arrays per column. */
final class Packed {

  private Packed() {}

  /** Strings packed as one UTF-8 blob with offsets. */
  static final class Text {
    private final byte[] bytes;
    private final int[] at;

    private Text(byte[] bytes, int[] at) {
      this.bytes = bytes;
      this.at = at;
    }

    int size() {
      return at.length - 1;
    }

    String get(int i) {
      return new String(bytes, at[i], at[i + 1] - at[i], StandardCharsets.UTF_8);
    }

    int compare(int i, byte[] key) {
      return Arrays.compareUnsigned(bytes, at[i], at[i + 1], key, 0, key.length);
    }

    static final class Builder {
      private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
      private final Ints at = new Ints();

      void add(String s) {
        add(s.getBytes(StandardCharsets.UTF_8));
      }

      void add(byte[] utf8) {
        at.add(bytes.size());
        bytes.writeBytes(utf8);
      }

      Text build() {
        at.add(bytes.size());
        return new Text(bytes.toByteArray(), at.toArray());
      }
    }
  }

  /** A column of few distinct values (countries, admin codes, states): an index per row. */
  static final class Values {
    private final String[] distinct;
    private final char[] index;

    private Values(String[] distinct, char[] index) {
      this.distinct = distinct;
      this.index = index;
    }

    String get(int row) {
      return distinct[index[row]];
    }

    static final class Builder {
      private final Map<String, Character> seen = new HashMap<>();
      private String[] distinct = new String[64];
      private char[] index = new char[1024];
      private int rows;

      void add(String value) {
        Character i = seen.get(value);
        if (i == null) {
          if (seen.size() == Character.MAX_VALUE) throw new IllegalStateException("more than 65535 distinct values");
          i = (char) seen.size();
          seen.put(value, i);
          if (i >= distinct.length) distinct = Arrays.copyOf(distinct, distinct.length * 2);
          distinct[i] = value;
        }
        if (rows == index.length) index = Arrays.copyOf(index, rows * 2);
        index[rows++] = i;
      }

      Values build() {
        return new Values(Arrays.copyOf(distinct, seen.size()), Arrays.copyOf(index, rows));
      }
    }
  }

  /** Rows per 1° cell: {@code rows[at[cell]..at[cell+1])}, in row order. */
  static final class Grid {
    private final int[] at;
    private final int[] rows;

    private Grid(int[] at, int[] rows) {
      this.at = at;
      this.rows = rows;
    }

    static Grid of(double[] lat, double[] lng) {
      int[] at = new int[Gazetteer.CELLS + 1];
      int[] cell = new int[lat.length];
      for (int i = 0; i < lat.length; i++) {
        cell[i] = Gazetteer.gridKey(lat[i], lng[i]);
        at[cell[i] + 1]++;
      }
      for (int c = 0; c < Gazetteer.CELLS; c++) at[c + 1] += at[c];
      int[] next = Arrays.copyOf(at, Gazetteer.CELLS);
      int[] rows = new int[lat.length];
      for (int i = 0; i < lat.length; i++) rows[next[cell[i]]++] = i;
      return new Grid(at, rows);
    }

    /** The same cells with every row r replaced by {@code to[r]}. */
    Grid renumbered(int[] to) {
      int[] mapped = new int[rows.length];
      for (int i = 0; i < rows.length; i++) mapped[i] = to[rows[i]];
      return new Grid(at, mapped);
    }

    int[] in(int cell) {
      return Arrays.copyOfRange(rows, at[cell], at[cell + 1]);
    }
  }

  /** A growable int column. */
  static final class Ints {
    private int[] values = new int[1024];
    private int size;

    int size() {
      return size;
    }

    void add(int v) {
      if (size == values.length) values = Arrays.copyOf(values, size * 2);
      values[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  /** A growable double column. */
  static final class Doubles {
    private double[] values = new double[1024];
    private int size;

    void add(double v) {
      if (size == values.length) values = Arrays.copyOf(values, size * 2);
      values[size++] = v;
    }

    double[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
