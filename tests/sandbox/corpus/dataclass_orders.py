import asyncio
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from enum import Enum, auto
from typing import Iterable, Optional, TypeVar

T = TypeVar("T")


class Status(Enum):
    NEW = auto()
    PAID = auto()
    SHIPPED = auto()


@dataclass
class Order:
    order_id: int
    items: list[str]
    status: Status = Status.NEW
    placed: datetime = datetime(2024, 3, 1, 9, 30)
    shipped: Optional[datetime] = None
    notes: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Address:
    street: str
    city: str


async def pay(order: Order) -> Order:
    await asyncio.sleep(0.01)
    order.status = Status.PAID
    order.notes.append("paid by card")
    return order


async def ship(order: Order, days: int) -> Order:
    await asyncio.sleep(0.01)
    order.status = Status.SHIPPED
    order.shipped = order.placed + timedelta(days=days)
    return order


async def first_of(items: Iterable[T]) -> T:
    await asyncio.sleep(0)
    return next(iter(items))


async def main():
    orders = [Order(1, ["book"]), Order(2, ["pen", "ink"])]
    await asyncio.gather(*(pay(order) for order in orders))
    await ship(orders[1], days=3)
    for order in orders:
        print(order)
    print(orders[1].status.name, orders[1].status.value, orders[1].size)
    print("shipped on", orders[1].shipped.strftime("%A %d %B %Y at %H:%M"))
    print("waited", orders[1].shipped - orders[1].placed)
    print(json.dumps(asdict(orders[0]), default=str, indent=2))
    print("first:", await first_of(["x", "y"]))

    home = Address("1 Main St", "Springfield")
    try:
        home.city = "Shelbyville"
    except AttributeError as exc:
        print(type(exc).__name__, "-", exc)
    print([status for status in Status])
    print(Status["PAID"], Status(3), Status.PAID is Status.PAID)


asyncio.run(main())
