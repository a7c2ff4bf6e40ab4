package io.cqrsshop.admin;

import io.cqrsshop.readmodel.ReadModel;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** Reads a read model's name as operators type it ({@code products}, {@code history}, ...). */
final class ReadModelNames implements CommandLine.ITypeConverter<ReadModel> {

  @Override
  public ReadModel convert(String value) {
    return ReadModel.byName(value)
        .orElseThrow(
            () ->
                new CommandLine.TypeConversionException(
                    "unknown read model '" + value + "'; one of " + all()));
  }

  static String all() {
    return Arrays.stream(ReadModel.values())
        .map(ReadModel::baseName)
        .collect(Collectors.joining(", "));
  }
}
