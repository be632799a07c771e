package dev.apiplatform.server.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The packed gazetteer answers exactly what the data files say: every row, every name of the
 * index, every ZIP and every grid cell, checked against maps built here the plain way (the way
 * the gazetteer was held before it was packed).
 */
class GazetteerTest {

  static final Gazetteer data = Gazetteer.get();

  @Test
  void everyCityRow_andTheNameIndex_matchTheFile() throws IOException {
    List<String[]> rows = rows("cities.tsv.gz");
    assertThat(data.cities).isEqualTo(rows.size());
    Map<String, List<Integer>> byName = new HashMap<>();
    Map<Integer, List<Integer>> grid = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      String[] f = rows.get(i);
      assertThat(new Object[] {data.cityName(i), data.cityCountry(i), data.cityAdmin(i), data.cityPopulation(i),
          data.cityLat(i), data.cityLng(i)})
          .containsExactly(f[0], f[1], f[2], Integer.parseInt(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]));
      byName.computeIfAbsent(Names.normalize(f[0]), k -> new ArrayList<>()).add(i);
      grid.computeIfAbsent(Gazetteer.gridKey(Double.parseDouble(f[4]), Double.parseDouble(f[5])), k -> new ArrayList<>())
          .add(i);
    }
    byName.forEach((name, ids) -> assertThat(data.citiesNamed(name)).as(name).containsExactly(ints(ids)));
    for (int cell = 0; cell < 181 * 360; cell++) {
      assertThat(data.citiesIn(cell)).as("cell %d", cell).containsExactly(ints(grid.getOrDefault(cell, List.of())));
    }
    assertThat(data.citiesNamed("no such place anywhere")).isEmpty();
    assertThat(data.citiesNamed("")).isEmpty();
  }

  @Test
  void everyZip_andTheZipGrid_matchTheFile() throws IOException {
    Map<String, String[]> byCode = new LinkedHashMap<>();
    Map<Integer, List<String>> grid = new HashMap<>();
    for (String[] f : rows("zips.tsv.gz")) {
      byCode.put(f[0], f);
      grid.computeIfAbsent(Gazetteer.gridKey(Double.parseDouble(f[1]), Double.parseDouble(f[2])), k -> new ArrayList<>())
          .add(f[0]);
    }
    assertThat(data.zips).isEqualTo(byCode.size());
    byCode.forEach((code, f) -> {
      int z = data.zip(code);
      assertThat(z).as(code).isNotNegative();
      assertThat(new Object[] {data.zipCode(z), data.zipLat(z), data.zipLng(z), data.zipCity(z), data.zipState(z)})
          .containsExactly(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), f[3], f[4]);
    });
    for (int cell = 0; cell < 181 * 360; cell++) {
      List<String> codes = new ArrayList<>();
      for (int z : data.zipsIn(cell)) codes.add(data.zipCode(z));
      assertThat(codes).as("cell %d", cell).containsExactlyElementsOf(grid.getOrDefault(cell, List.of()));
    }
    assertThat(data.zip("00000")).isEqualTo(-1);
    assertThat(data.zip("3000")).isEqualTo(-1);
    assertThat(data.zip("3000x")).isEqualTo(-1);
    assertThat(data.zip("300091")).isEqualTo(-1);
  }

  private static int[] ints(List<Integer> ids) {
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<String[]> rows(String name) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (var reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Gazetteer.resource(name)),
        StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isEmpty()) rows.add(line.split("\t", -1));
      }
    }
    return rows;
  }
}
