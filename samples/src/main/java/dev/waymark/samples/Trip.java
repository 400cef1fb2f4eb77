package dev.waymark.samples;

import dev.waymark.StepContext;
import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.util.List;

/**
 * Ray's book_trip: a step that books two flights and a hotel in parallel, then finalizes, all
 * inside the workflow it returns (a continuation). The bookings go to an external service with the
 * step's idempotency key, so a booking step that runs again after a crash books nothing twice.
 */
public final class Trip {
  private Trip() {}

  public record Flight(String from, String to, String date, String confirmation) {}

  public record Hotel(String city, List<String> dates, String confirmation) {}

  public record Receipt(List<Flight> flights, List<Hotel> hotels, String status) {}

  /** The engine starts the returned DAG only after this step returned and its DAG is stored. */
  @Step
  static Workflow<Receipt> bookTrip(String origin, String dest, List<String> dates) {
    Workflow<Flight> outbound = TripSteps.bookFlight(origin, dest, dates.get(0));
    Workflow<Flight> inbound = TripSteps.bookFlight(dest, origin, dates.get(1));
    Workflow<Hotel> hotel = TripSteps.bookHotel(dest, dates);
    return TripSteps.finalizeOrCancel(Workflow.all(outbound, inbound), Workflow.all(hotel));
  }

  @Step
  static Flight bookFlight(String origin, String dest, String date) {
    String confirmation =
        BookingService.book(
            StepContext.current().idempotencyKey(), "flight " + origin + "-" + dest + " " + date);
    return new Flight(origin, dest, date, confirmation);
  }

  @Step
  static Hotel bookHotel(String city, List<String> dates) {
    String confirmation =
        BookingService.book(StepContext.current().idempotencyKey(), "hotel " + city + " " + dates);
    return new Hotel(city, dates, confirmation);
  }

  @Step
  static Receipt finalizeOrCancel(List<Flight> flights, List<Hotel> hotels) {
    boolean complete = flights.size() == 2 && hotels.size() == 1;
    return new Receipt(flights, hotels, complete ? "CONFIRMED" : "CANCELED");
  }

  static Workflow<Receipt> trip() {
    return TripSteps.bookTrip("OAK", "SAN", List.of("6/12", "7/5"));
  }
}
