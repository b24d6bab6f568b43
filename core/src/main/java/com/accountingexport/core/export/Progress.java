package com.accountingexport.core.export;

/**
 * How far a generation got: the phase it is in ({@code claim}, {@code render}, {@code seal},
 * {@code notify}, {@code done}) and its counts. {@code claim} counts the planned documents taken so
 * far, {@code render} the documents booked and written; {@link #percent()} weighs the phases by
 * their share of the work (claim 40 %, render 45 %, PDFs 10 %, seal and notify 5 %), so it only ever grows.
 */
public record Progress(String phase, long done, long total) {
  public static final String CLAIM = "claim";
  public static final String RENDER = "render";
  /** The invoice PDFs of the bundles, then their assembly (only when the export asks for them). */
  public static final String PDF = "pdf";
  public static final String SEAL = "seal";
  public static final String NOTIFY = "notify";
  public static final String DONE = "done";

  public Progress {
    if (done < 0 || total < 0) {
      throw new IllegalArgumentException("progress counts cannot be negative");
    }
  }

  public static Progress start(long total) {
    return new Progress(CLAIM, 0, total);
  }

  /** 0 to 100, over the whole generation. */
  public int percent() {
    double share = total == 0 ? 1.0 : Math.min(1.0, (double) done / total);
    double p = switch (phase) {
      case CLAIM -> 40 * share;
      case RENDER -> 40 + 45 * share;
      case PDF -> 85 + 10 * share;
      case SEAL, NOTIFY -> 95 + 5 * share * 0.5;
      case DONE -> 100;
      default -> 0;
    };
    return (int) Math.floor(p);
  }
}
