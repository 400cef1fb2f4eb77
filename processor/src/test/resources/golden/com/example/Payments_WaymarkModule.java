package com.example;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.StepOptions;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.StepRegistry;
import dev.waymark.internal.TypeRegistrar;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The step definitions and checkpoint serializers behind {@link PaymentsSteps}: what the
 * Waymark runtime needs to run and resume the steps of {@link Payments}. It registers
 * itself when it is first used, and {@link java.util.ServiceLoader} finds it for a JVM
 * that resumes a stored workflow.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class Payments_WaymarkModule implements StepModule {
  static final StepDefinition<String> CHARGE_V1 =
      StepDefinition.<String>step("com.example.Payments", "charge")
          .inputs(1)
          .shape("in com.example.Payments.Order\n"
              + "out java.lang.String\n"
              + "record com.example.Payments.Order(id java.lang.String, cents int)")
          .invoker(args -> Payments.chargeV1((Payments.Order) args[0]));

  static final StepDefinition<String> CHARGE =
      StepDefinition.<String>step("com.example.Payments", "charge")
          .version(2)
          .inputs(2)
          .shape("in com.example.Payments.Order\n"
              + "in java.lang.String\n"
              + "out java.lang.String\n"
              + "record com.example.Payments.Order(id java.lang.String, cents int)")
          .options(StepOptions.builder().maxRetries(5).build())
          .invoker(args -> Payments.charge((Payments.Order) args[0], (String) args[1]));

  static final StepDefinition<Payments.Order> ORDER =
      StepDefinition.<Payments.Order>step("com.example.Payments", "order")
          .inputs(1)
          .shape("in java.lang.String\n"
              + "out com.example.Payments.Order\n"
              + "record com.example.Payments.Order(id java.lang.String, cents int)")
          .invoker(args -> Payments.order((String) args[0]));

  static {
    StepRegistry.register(new Payments_WaymarkModule());
  }

  /**
   * Created by {@link java.util.ServiceLoader}.
   */
  public Payments_WaymarkModule() {
  }

  @Override
  public List<StepDefinition<?>> steps() {
    return List.of(CHARGE_V1, CHARGE, ORDER);
  }

  @Override
  public void registerTypes(TypeRegistrar registrar) {
    registrar.register(Payments.Order.class, new OrderSerializer(),
        "record com.example.Payments.Order(id java.lang.String, cents int)");
  }

  /**
   * Writes {@link Payments.Order} component by component
   * and reads it back through its canonical constructor.
   */
  private static final class OrderSerializer extends Serializer<Payments.Order> {
    OrderSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Payments.Order order) {
      kryo.writeClassAndObject(output, order.id());
      output.writeInt(order.cents());
    }

    @Override
    public Payments.Order read(Kryo kryo, Input input, Class<? extends Payments.Order> type) {
      String id = (String) kryo.readClassAndObject(input);
      int cents = input.readInt();
      return new Payments.Order(id, cents);
    }
  }
}
